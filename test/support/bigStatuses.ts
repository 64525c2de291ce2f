/**
 * Many raw statuses at once, written by Postgres itself (generate_series) so that a test can
 * export a period larger than a memory limit without spending its time ingesting polls.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';

export interface BigStatusesOptions {
  systemId: string;
  timezone: string;
  stations: number;
  polls: number;
  /** Epoch seconds of the first poll. */
  start: number;
  stepSeconds: number;
}

/** A system, its stations (names that need CSV quoting) and stations × polls statuses. */
export async function fillBigStatuses(db: Db, o: BigStatusesOptions): Promise<void> {
  await db.execute(sql`insert into systems (id, name, timezone, gbfs_url) values (${o.systemId}, 'Big', ${o.timezone}, 'http://127.0.0.1:9/gbfs.json')`);
  await db.execute(sql`
    insert into stations (system_id, station_id, name, code, lat, lon, h3, capacity, first_seen, valid_from)
    select ${o.systemId}, 's' || lpad(i::text, 6, '0'), 'Station ' || i || ', "Rue ' || i || '"', i::text, 48.85, 2.35, '8a1fb46622dffff', 40,
      to_timestamp(${o.start}), to_timestamp(${o.start})
    from generate_series(1, ${o.stations}) i`);
  // Counts vary with station and poll (no run-length trick flatters the Parquet encoding much).
  await db.execute(sql`
    insert into station_status (system_id, station_id, feed_time, present, is_installed, is_renting, is_returning,
      bikes, docks, ebikes, mechanical, last_reported)
    select ${o.systemId}, 's' || lpad(i::text, 6, '0'), to_timestamp(${o.start} + p * ${o.stepSeconds}), (i + p) % 97 <> 0, true,
      (i + p) % 7 <> 0, true, (i * 7919 + p * 104729) % 41, 40 - (i * 7919 + p * 104729) % 41,
      case when i % 10 = 0 then null else (i * 31 + p) % 17 end, case when i % 10 = 0 then null else (i * 17 + p) % 23 end,
      to_timestamp(${o.start} + p * ${o.stepSeconds} - (i * 13 + p) % 300)
    from generate_series(1, ${o.stations}) i, generate_series(0, ${o.polls - 1}) p`);
  // Statistics, as autovacuum (or the app's hourly maintainTables) gives them: planned on an
  // "empty" table, a page would sort the whole period instead of walking the time index.
  await db.execute(sql`analyze systems, stations, station_status`);
}

export interface StatusFigures {
  rows: number;
  bikes: number;
  docks: number;
  ebikes: number;
  absent: number;
  /** The rows as Postgres stores them (pg_column_size of each tuple), in bytes. */
  storedBytes: number;
}

export async function statusFigures(db: Db, systemId: string, range: { start: number; end: number }): Promise<StatusFigures> {
  const [row] = await queryRows<StatusFigures>(
    db,
    sql`select count(*)::int as rows, coalesce(sum(bikes), 0)::float8 as bikes, coalesce(sum(docks), 0)::float8 as docks,
          coalesce(sum(ebikes), 0)::float8 as ebikes, (count(*) filter (where not present))::int as absent,
          coalesce(sum(pg_column_size(st.*)), 0)::float8 as "storedBytes"
        from station_status st
        where system_id = ${systemId} and feed_time >= to_timestamp(${range.start}) and feed_time < to_timestamp(${range.end})`,
  );
  return row;
}
