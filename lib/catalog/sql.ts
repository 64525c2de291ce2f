/** The catalog as stored, read back: its reading (when, from where, the newest attempt) and its systems. */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/rows';
import type { CatalogSystem } from './parse';

export interface CatalogReading {
  /** GBFS_CATALOG_URL of the newest attempt. */
  sourceUrl: string;
  /** epoch ms of the newest successful read; null while none succeeded. */
  readAt: number | null;
  systems: number;
  skippedLines: number;
  /** epoch ms of the newest attempt, whatever its outcome. */
  attemptedAt: number;
  /** Why the newest attempt failed; null when it succeeded. */
  error: string | null;
}

export async function catalogReading(executor: Executor): Promise<CatalogReading | null> {
  const [row] = await queryRows<CatalogReading>(
    executor,
    sql`select source_url as "sourceUrl", (extract(epoch from read_at) * 1000)::float8 as "readAt", systems, skipped_lines as "skippedLines",
          (extract(epoch from attempted_at) * 1000)::float8 as "attemptedAt", error
        from catalog_reads where id = 1`,
  );
  return row ?? null;
}

export interface StoredCatalogSystem extends CatalogSystem {
  /** What reading its discovery taught: false when it lists no station_status; null until read. */
  hasStations: boolean | null;
}

const SELECT = sql`
  select c.catalog_id as id, c.name, c.location, c.country_code as "countryCode", c.url, c.auto_discovery_url as "autoDiscoveryUrl",
    c.versions, c.auth_type as "authType", c.auth_info_url as "authInfoUrl", c.auth_parameter_name as "authParameterName",
    k.has_stations as "hasStations"
  from catalog_systems c left join catalog_feed_kinds k on k.auto_discovery_url = c.auto_discovery_url`;

type Row = Omit<StoredCatalogSystem, 'versions'> & { versions: string };
const fromRow = ({ versions, ...row }: Row): StoredCatalogSystem => ({ ...row, versions: versions === '' ? [] : versions.split(' ; ') });

/** Every system of the stored copy, in the file's order. */
export async function catalogSystems(executor: Executor): Promise<StoredCatalogSystem[]> {
  return (await queryRows<Row>(executor, sql`${SELECT} order by c.position`)).map(fromRow);
}

/** The systems listed under one System ID, in any case (usually one; the file lists a few twice). */
export async function catalogSystemsById(executor: Executor, id: string): Promise<StoredCatalogSystem[]> {
  return (await queryRows<Row>(executor, sql`${SELECT} where lower(c.catalog_id) = lower(${id}) order by c.position`)).map(fromRow);
}
