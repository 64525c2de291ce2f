/**
 * The catalog's writes: a new copy replaces the old one whole (one transaction, so a reader sees
 * one or the other), a failed attempt is recorded beside the copy it leaves in place, and what
 * adding a system learnt of its feed (stations or not) is kept by discovery URL.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { Executor } from '@/db/rows';
import { unnestRows, type UnnestColumn } from '@/db/unnestRows';
import type { CatalogSystem, ParsedCatalog } from './parse';

type Line = CatalogSystem & { position: number };

const COLUMNS: UnnestColumn<Line>[] = [
  { name: 'position', type: 'int', value: (s) => s.position },
  { name: 'catalog_id', type: 'text', value: (s) => s.id },
  { name: 'country_code', type: 'text', value: (s) => s.countryCode },
  { name: 'name', type: 'text', value: (s) => s.name },
  { name: 'location', type: 'text', value: (s) => s.location },
  { name: 'url', type: 'text', value: (s) => s.url },
  { name: 'auto_discovery_url', type: 'text', value: (s) => s.autoDiscoveryUrl },
  { name: 'versions', type: 'text', value: (s) => s.versions.join(' ; ') },
  { name: 'auth_type', type: 'text', value: (s) => s.authType },
  { name: 'auth_info_url', type: 'text', value: (s) => s.authInfoUrl },
  { name: 'auth_parameter_name', type: 'text', value: (s) => s.authParameterName },
];

export async function replaceCatalog(db: Db, catalog: ParsedCatalog, sourceUrl: string, readAt: Date): Promise<void> {
  const lines = catalog.systems.map((system, position) => ({ ...system, position }));
  const names = sql.join(COLUMNS.map((c) => sql.identifier(c.name)), sql`, `);
  await db.transaction(async (tx) => {
    // Two processes refreshing at once replace it one after the other, not interleaved.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('gbfs-catalog', 0))`);
    await tx.execute(sql`delete from catalog_systems`);
    await tx.execute(sql`insert into catalog_systems (${names}) select ${names} from ${unnestRows(lines, COLUMNS)}`);
    await tx.execute(sql`
      insert into catalog_reads (id, source_url, read_at, systems, skipped_lines, attempted_at, error)
      values (1, ${sourceUrl}, ${readAt.toISOString()}, ${lines.length}, ${catalog.skippedLines}, ${readAt.toISOString()}, null)
      on conflict (id) do update set source_url = excluded.source_url, read_at = excluded.read_at, systems = excluded.systems,
        skipped_lines = excluded.skipped_lines, attempted_at = excluded.attempted_at, error = null`);
  });
}

/** A failed attempt: the copy already stored (if any) stays, with the time and the reason. */
export async function recordCatalogFailure(executor: Executor, sourceUrl: string, attemptedAt: Date, reason: string): Promise<void> {
  await executor.execute(sql`
    insert into catalog_reads (id, source_url, read_at, attempted_at, error)
    values (1, ${sourceUrl}, null, ${attemptedAt.toISOString()}, ${reason})
    on conflict (id) do update set source_url = excluded.source_url, attempted_at = excluded.attempted_at, error = excluded.error`);
}

export async function rememberFeedKind(executor: Executor, autoDiscoveryUrl: string, hasStations: boolean): Promise<void> {
  await executor.execute(sql`
    insert into catalog_feed_kinds (auto_discovery_url, has_stations, checked_at) values (${autoDiscoveryUrl}, ${hasStations}, now())
    on conflict (auto_discovery_url) do update set has_stations = excluded.has_stations, checked_at = now()`);
}
