/**
 * Simulated history, written straight into the tables with generate_series: polls once a minute,
 * raw statuses only for the stations whose state changed (a fixed share per minute), hourly
 * rollups for every station and hour. Going through storePoll would take hours for a year;
 * these statements write millions of rows a minute on either engine.
 *
 * The raw rows follow the app's shapes (a poll row per minute, a status row per changed station
 * at a poll's feed time) so the naive query and the indexes see what real polls would leave. The
 * rollup values are synthetic: their cost to read does not depend on them, and the equality of
 * both paths is checked on real polls instead (naiveCheck.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';

const MINUTE = 60;
const HOUR = 3600;

/** Any prime that does not divide the station count spreads a minute's changes over distinct stations. */
const SPREAD = 7919;
const MINUTE_SHUFFLE = 104_729;

export interface HistoryShape {
  systemId: string;
  /** Share of stations whose stored state changes in a minute (0..1). */
  changedShare: number;
}

/** Stations of the system numbered 0..n-1, the key the generated rows pick stations by. */
const numberedStations = (systemId: string) => sql`
  select station_id, h3, row_number() over (order by station_id)::int - 1 as idx
  from stations where system_id = ${systemId}`;

export async function stationCount(db: Db, systemId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stations where system_id = ${systemId}`);
  return row.n;
}

/**
 * Bike counts move with the minute and differ between stations; some stations sit empty or full,
 * so every rollup integral (full, empty, typed) gets exercised.
 */
const statusColumns = sql.raw(`
  true, true, true, true,
  (m * 37 + idx * 11) % (20 + idx % 41),
  (20 + idx % 41) - (m * 37 + idx * 11) % (20 + idx % 41),
  ((m * 37 + idx * 11) % (20 + idx % 41)) / 3,
  ((m * 37 + idx * 11) % (20 + idx % 41)) - ((m * 37 + idx * 11) % (20 + idx % 41)) / 3,
  to_timestamp(m * 60 - idx % 300)`);

const STATUS_COLUMNS = sql.raw(
  'system_id, station_id, feed_time, present, is_installed, is_renting, is_returning, bikes, docks, ebikes, mechanical, last_reported',
);

/**
 * Polls every minute of [from, to) and the statuses they would have stored: every station at
 * the first poll (what a system's first poll stores), then `changedShare` of them per minute.
 * Returns the status rows written.
 */
export async function writeRawHistory(db: Db, shape: HistoryShape, from: number, to: number): Promise<number> {
  const { systemId } = shape;
  const n = await stationCount(db, systemId);
  if (n % SPREAD === 0) throw new Error(`station count ${n} is a multiple of ${SPREAD}`);
  const perMinute = Math.max(1, Math.round(n * shape.changedShare));
  const firstMinute = Math.ceil(from / MINUTE);
  const lastMinute = Math.ceil(to / MINUTE) - 1;
  await db.execute(sql`
    insert into polls (system_id, feed_time, run_id, stations_seen)
    select ${systemId}, to_timestamp(m * 60), 0, ${n} from generate_series(${firstMinute}::bigint, ${lastMinute}::bigint) m
    on conflict do nothing`);
  await db.execute(sql`
    insert into station_status (${STATUS_COLUMNS})
    select ${systemId}, s.station_id, to_timestamp(m * 60), ${statusColumns}
    from (${numberedStations(systemId)}) s, (select ${firstMinute}::bigint as m) first`);
  // Rows come out minute after minute, as polls would append them.
  await db.execute(sql`
    insert into station_status (${STATUS_COLUMNS})
    select ${systemId}, s.station_id, to_timestamp(m * 60), ${statusColumns}
    from generate_series(${firstMinute + 1}::bigint, ${lastMinute}::bigint) m
    cross join generate_series(0, ${perMinute - 1}) i
    join (${numberedStations(systemId)}) s on s.idx = (i * ${SPREAD} + m * ${MINUTE_SHUFFLE}) % ${n}
    order by m`);
  return n + (lastMinute - firstMinute) * perMinute;
}

/**
 * One rollup row per station and hour of [from, to), as the polls of those hours would leave.
 * Each station's bike-seconds carry its own number too, so that no two stations' rows (nor their
 * daily tier arrays) are equal: with the few patterns of the other terms alone, the planner's
 * Memoize step on the typical week's per-station path found 40 distinct rows in 10,500 and
 * served the rest from its cache, twice as fast as on real data (measured on Postgres).
 */
export async function writeRollupHistory(db: Db, systemId: string, from: number, to: number): Promise<number> {
  const firstHour = Math.ceil(from / HOUR);
  const lastHour = Math.ceil(to / HOUR) - 1;
  await db.execute(sql`
    insert into station_hourly (system_id, hour_start, station_id, h3, observed_s, bike_s, typed_s, ebike_s, mechanical_s,
      dock_s, full_s, empty_s)
    select ${systemId}, to_timestamp(h * 3600), s.station_id, s.h3, 3600, 3600 * ((h * 7 + idx) % 20) + idx, 3600,
      3600 * ((h + idx) % 7), 3600 * 3, 3600 * 10, ((h + idx) % 4) * 600, ((h * 3 + idx) % 4) * 600
    from generate_series(${firstHour}::bigint, ${lastHour}::bigint) h
    cross join (${numberedStations(systemId)}) s
    order by h`);
  return (lastHour - firstHour + 1) * (await stationCount(db, systemId));
}
