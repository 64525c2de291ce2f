/**
 * The raw history saturation episodes are found in: the polls around a period, each station's
 * state at the first of them, and the statuses after it. Raw statuses are kept RAW_RETENTION_DAYS,
 * so this reaches back only as far as the oldest kept poll.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { EpisodeHistoryChunk } from '@/lib/episodes/episodes';
import { queryRows, type Executor } from '../../db/rows';

export interface EpisodePollSpan {
  /** The newest poll before the period's start, else the oldest poll (epoch s). */
  first: number;
  /** The oldest poll after the period's end, else the newest poll: it closes the period's last interval. */
  last: number;
  newest: number;
}

/** The polls to read for [start, end), or null when the system has none. */
export async function episodePollSpan(db: Executor, systemId: string, start: number, end: number): Promise<EpisodePollSpan | null> {
  const [row] = await queryRows<{ first: number | null; last: number | null; newest: number | null }>(
    db,
    sql`select
          extract(epoch from coalesce(
            (select max(feed_time) from polls where system_id = ${systemId} and feed_time < to_timestamp(${start})),
            (select min(feed_time) from polls where system_id = ${systemId})))::float8 as first,
          extract(epoch from coalesce(
            (select min(feed_time) from polls where system_id = ${systemId} and feed_time > to_timestamp(${end})),
            (select max(feed_time) from polls where system_id = ${systemId})))::float8 as last,
          (select extract(epoch from max(feed_time))::float8 from polls where system_id = ${systemId}) as newest`,
  );
  if (!row || row.first === null || row.last === null || row.newest === null) return null;
  return { first: row.first, last: row.last, newest: row.newest };
}

export interface EpisodeStation {
  stationId: string;
  name: string;
  /** Resolution-10 cell of the station's current position. */
  h3: string;
}

export async function episodeStations(db: Executor, systemId: string): Promise<EpisodeStation[]> {
  return queryRows<EpisodeStation>(db, sql`select station_id as "stationId", name, h3 from stations where system_id = ${systemId}`);
}

const onlyStations = (stationIds: string[] | null, column: SQL = sql`station_id`) =>
  stationIds === null ? sql`` : sql`and ${column} in (select json_array_elements_text(${JSON.stringify(stationIds)}::json))`;

const STATUS_COLUMNS = sql`station_id as "stationId", extract(epoch from feed_time)::float8 as t, present, is_installed as installed, bikes, docks`;

/**
 * Each station's newest status at or before `poll`: its state there. One index probe per station
 * (the primary key) rather than a scan of the whole history before the poll.
 */
export async function statusesAt(db: Executor, systemId: string, poll: number, stationIds: string[] | null): Promise<EpisodeHistoryChunk['statuses']> {
  return queryRows<EpisodeHistoryChunk['statuses'][number]>(
    db,
    sql`select latest.* from stations s
        cross join lateral (
          select ${STATUS_COLUMNS} from station_status st
          where st.system_id = s.system_id and st.station_id = s.station_id and st.feed_time <= to_timestamp(${poll})
          order by st.feed_time desc limit 1) latest
        where s.system_id = ${systemId} ${onlyStations(stationIds, sql`s.station_id`)}
        order by latest.t`,
  );
}

/** The polls and statuses of (from, to], in time order. */
export async function episodeChunk(db: Executor, systemId: string, from: number, to: number, stationIds: string[] | null): Promise<EpisodeHistoryChunk> {
  const inChunk = sql`feed_time > to_timestamp(${from}) and feed_time <= to_timestamp(${to})`;
  const polls = await queryRows<{ t: number }>(
    db,
    sql`select extract(epoch from feed_time)::float8 as t from polls where system_id = ${systemId} and ${inChunk} order by feed_time`,
  );
  const statuses = await queryRows<EpisodeHistoryChunk['statuses'][number]>(
    db,
    sql`select ${STATUS_COLUMNS} from station_status
        where system_id = ${systemId} and ${inChunk} ${onlyStations(stationIds)}
        order by feed_time`,
  );
  return { pollTimes: polls.map((p) => p.t), statuses };
}
