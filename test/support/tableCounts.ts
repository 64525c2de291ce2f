/** Row counts and rollup sums of a system: what a test compares before and after a poll. */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';

export interface Stored {
  polls: number;
  statuses: number;
  stations: number;
  versions: number;
  states: number;
  hourly: number;
  observedS: number;
  bikeS: number;
  runs: number;
}

export async function storedCounts(db: Db, systemId: string): Promise<Stored> {
  const [row] = await queryRows<Stored>(
    db,
    sql`select
      (select count(*)::int from polls where system_id = ${systemId}) as polls,
      (select count(*)::int from station_status where system_id = ${systemId}) as statuses,
      (select count(*)::int from stations where system_id = ${systemId}) as stations,
      (select count(*)::int from station_versions where system_id = ${systemId}) as versions,
      (select count(*)::int from station_state where system_id = ${systemId}) as states,
      (select count(*)::int from station_hourly where system_id = ${systemId}) as hourly,
      (select coalesce(sum(observed_s), 0)::float8 from station_hourly where system_id = ${systemId}) as "observedS",
      (select coalesce(sum(bike_s), 0)::float8 from station_hourly where system_id = ${systemId}) as "bikeS",
      (select count(*)::int from ingest_runs where system_id = ${systemId}) as runs`,
  );
  return row;
}

/** Everything stored but the run log, which every poll (even one that writes nothing) extends. */
export function withoutRuns({ runs: _runs, ...rest }: Stored): Omit<Stored, 'runs'> {
  return rest;
}

export async function hourlyTable(db: Db, systemId: string) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select extract(epoch from hour_start)::float8 as hour, station_id, h3, observed_s, bike_s, typed_s, ebike_s,
          mechanical_s, dock_s, full_s, empty_s
        from station_hourly where system_id = ${systemId} order by hour_start, station_id, h3`,
  );
}
