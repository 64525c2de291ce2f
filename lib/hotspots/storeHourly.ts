/** The hourly rollups (station_hourly): what every hotspot answer is summed from. */
import { sql } from 'drizzle-orm';
import type { HourlyFigures } from '@/lib/hotspots/types';
import { queryRows, type Executor } from '../../db/rows';
import { unnestRows, type UnnestColumn } from '../../db/unnestRows';

const HOURLY_SOURCE: UnnestColumn<HourlyFigures>[] = [
  { name: 'hour_start', type: 'bigint', value: (f) => f.hourStart },
  { name: 'station_id', type: 'text', value: (f) => f.stationId },
  { name: 'h3', type: 'text', value: (f) => f.h3 },
  { name: 'observed_s', type: 'float8', value: (f) => f.observedS },
  { name: 'bike_s', type: 'float8', value: (f) => f.bikeS },
  { name: 'typed_s', type: 'float8', value: (f) => f.typedS },
  { name: 'ebike_s', type: 'float8', value: (f) => f.ebikeS },
  { name: 'mechanical_s', type: 'float8', value: (f) => f.mechanicalS },
  { name: 'dock_s', type: 'float8', value: (f) => f.dockS },
  { name: 'full_s', type: 'float8', value: (f) => f.fullS },
  { name: 'empty_s', type: 'float8', value: (f) => f.emptyS },
];

/** station_hourly rows of `systemId` from HourlyFigures, ready for `insert into station_hourly (…) <this>`. */
export function hourlyValues(systemId: string, figures: readonly HourlyFigures[]) {
  return sql`
    select ${systemId}, to_timestamp(r.hour_start), r.station_id, r.h3, r.observed_s, r.bike_s, r.typed_s,
      r.ebike_s, r.mechanical_s, r.dock_s, r.full_s, r.empty_s
    from ${unnestRows(figures, HOURLY_SOURCE)}`;
}

export const HOURLY_COLUMNS = sql.raw(
  'system_id, hour_start, station_id, h3, observed_s, bike_s, typed_s, ebike_s, mechanical_s, dock_s, full_s, empty_s',
);

/** Adds a poll's credit to the hourly rollups (a row a key: one upsert never touches a row twice). */
export async function addToRollups(tx: Executor, systemId: string, figures: readonly HourlyFigures[]): Promise<number> {
  if (figures.length === 0) return 0;
  await tx.execute(sql`
    insert into station_hourly (${HOURLY_COLUMNS}) ${hourlyValues(systemId, figures)}
    on conflict (system_id, hour_start, station_id, h3) do update set
      observed_s = station_hourly.observed_s + excluded.observed_s,
      bike_s = station_hourly.bike_s + excluded.bike_s,
      typed_s = station_hourly.typed_s + excluded.typed_s,
      ebike_s = station_hourly.ebike_s + excluded.ebike_s,
      mechanical_s = station_hourly.mechanical_s + excluded.mechanical_s,
      dock_s = station_hourly.dock_s + excluded.dock_s,
      full_s = station_hourly.full_s + excluded.full_s,
      empty_s = station_hourly.empty_s + excluded.empty_s`);
  return figures.length;
}

const INSERT_BATCH_ROWS = 20_000;

/** Inserts rollup rows of hours that have none yet (a rebuild), in batches of bounded size. */
export async function insertRollups(tx: Executor, systemId: string, rows: readonly HourlyFigures[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH_ROWS) {
    await tx.execute(sql`insert into station_hourly (${HOURLY_COLUMNS}) ${hourlyValues(systemId, rows.slice(i, i + INSERT_BATCH_ROWS))}`);
  }
}

export async function deleteRollupsFrom(tx: Executor, systemId: string, hourStart: number): Promise<void> {
  await tx.execute(sql`delete from station_hourly where system_id = ${systemId} and hour_start >= to_timestamp(${hourStart})`);
}

/** Start (epoch s) of the newest hour with a rollup row, or null. */
export async function newestRollupHour(tx: Executor, systemId: string): Promise<number | null> {
  const [row] = await queryRows<{ t: number | null }>(
    tx,
    sql`select extract(epoch from max(hour_start))::float8 as t from station_hourly where system_id = ${systemId}`,
  );
  return row.t;
}
