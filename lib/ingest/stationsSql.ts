/** Station descriptions: the current one per station (stations) and every version (station_versions). */
import { sql } from 'drizzle-orm';
import type { SnapshotStation } from '@/lib/gbfs/snapshot';
import { queryRows, type Executor } from '../../db/rows';
import { unnestRows, type UnnestColumn } from '../../db/unnestRows';

export async function currentDescriptions(tx: Executor, systemId: string): Promise<Map<string, SnapshotStation>> {
  const rows = await queryRows<SnapshotStation>(
    tx,
    sql`select station_id as "stationId", name, code, lat, lon, h3, capacity from stations where system_id = ${systemId}`,
  );
  return new Map(rows.map((r) => [r.stationId, r]));
}

const DESCRIPTION_SOURCE: UnnestColumn<SnapshotStation>[] = [
  { name: 'station_id', type: 'text', value: (s) => s.stationId },
  { name: 'name', type: 'text', value: (s) => s.name },
  { name: 'code', type: 'text', value: (s) => s.code },
  { name: 'lat', type: 'float8', value: (s) => s.lat },
  { name: 'lon', type: 'float8', value: (s) => s.lon },
  { name: 'h3', type: 'text', value: (s) => s.h3 },
  { name: 'capacity', type: 'int', value: (s) => s.capacity },
];

/** Stores new and changed descriptions as valid from `feedTime`: a version each, and the current row. */
export async function storeDescriptions(tx: Executor, systemId: string, feedTime: number, changed: readonly SnapshotStation[]): Promise<void> {
  if (changed.length === 0) return;
  const at = sql`to_timestamp(${feedTime})`;
  // One statement, so the rows travel and are unpacked once for both tables.
  await tx.execute(sql`
    with r as materialized (select * from ${unnestRows(changed, DESCRIPTION_SOURCE)}),
      versions as (
        insert into station_versions (system_id, station_id, valid_from, name, code, lat, lon, h3, capacity)
        select ${systemId}, r.station_id, ${at}, r.name, r.code, r.lat, r.lon, r.h3, r.capacity from r)
    insert into stations (system_id, station_id, name, code, lat, lon, h3, capacity, first_seen, valid_from)
    select ${systemId}, r.station_id, r.name, r.code, r.lat, r.lon, r.h3, r.capacity, ${at}, ${at} from r
    on conflict (system_id, station_id) do update set name = excluded.name, code = excluded.code, lat = excluded.lat,
      lon = excluded.lon, h3 = excluded.h3, capacity = excluded.capacity, valid_from = excluded.valid_from`);
}
