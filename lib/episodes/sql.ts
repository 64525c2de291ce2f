/**
 * A period's saturation episodes, read from station_episodes: the runs that overlap the period,
 * cut to it in SQL, summed per station and the longest kept, so the answer costs the period's
 * runs, not its raw statuses. An open run (end null) goes on until the newest poll.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { TimeWindow } from '@/lib/calendar';
import type { EpisodeKind } from './episodes';
import { queryRows, type Executor } from '../../db/rows';

export interface EpisodeBounds {
  /** The oldest poll the episodes know: the oldest kept poll, or an older run's start (raw history pruned). */
  oldest: number;
  newest: number;
}

/** The time the stored episodes cover, or null when the system has no poll. */
export async function episodeBounds(db: Executor, systemId: string): Promise<EpisodeBounds | null> {
  const [row] = await queryRows<{ oldest: number | null; newest: number | null }>(
    db,
    sql`select
          extract(epoch from least(
            (select min(feed_time) from polls where system_id = ${systemId}),
            (select min(start_time) from station_episodes where system_id = ${systemId} and kind = 'full'),
            (select min(start_time) from station_episodes where system_id = ${systemId} and kind = 'empty')))::float8 as oldest,
          (select extract(epoch from max(feed_time))::float8 from polls where system_id = ${systemId}) as newest`,
  );
  if (!row || row.oldest === null || row.newest === null) return null;
  return { oldest: row.oldest, newest: row.newest };
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

const onlyStations = (stationIds: string[] | null, column: SQL) =>
  stationIds === null ? sql`` : sql`and ${column} in (select json_array_elements_text(${JSON.stringify(stationIds)}::json))`;

export interface PeriodQuery {
  systemId: string;
  kind: EpisodeKind;
  window: TimeWindow;
  newest: number;
  /** null: every station. */
  stationIds: string[] | null;
}

/**
 * The runs overlapping the period, cut to it: those starting inside it (one index range), and
 * the one run per station that started before it and was still going at its start (one probe
 * per station, rather than a scan of every older run).
 */
function clippedRuns({ systemId, kind, window, newest, stationIds }: PeriodQuery): SQL {
  const start = sql`to_timestamp(${window.start})`;
  const end = sql`to_timestamp(${window.end})`;
  return sql`
    with overlapping as (
      select station_id, start_time, end_time from station_episodes
      where system_id = ${systemId} and kind = ${kind} and start_time >= ${start} and start_time < ${end}
        ${onlyStations(stationIds, sql`station_id`)}
      union all
      select before.* from stations s
      cross join lateral (
        select e.station_id, e.start_time, e.end_time from station_episodes e
        where e.system_id = s.system_id and e.kind = ${kind} and e.station_id = s.station_id and e.start_time < ${start}
        order by e.start_time desc limit 1) before
      where s.system_id = ${systemId} and (before.end_time is null or before.end_time > ${start})
        ${onlyStations(stationIds, sql`s.station_id`)}
    ),
    runs as (
      select station_id, extract(epoch from start_time)::float8 as run_start,
        coalesce(extract(epoch from end_time)::float8, ${newest}::float8) as run_end, end_time is null as ongoing
      from overlapping
    ),
    clipped as (
      select station_id, greatest(run_start, ${window.start}::float8) as start, least(run_end, ${window.end}::float8) as "end",
        ongoing, run_start < ${window.start}::float8 as clipped_start, run_end > ${window.end}::float8 as clipped_end
      from runs
    )`;
}

export interface StationEpisodeRow {
  stationId: string;
  count: number;
  totalSeconds: number;
  longestSeconds: number;
}

/** Per station with a run in the period: how many, their seconds inside it, the longest; most seconds first. */
export async function periodStationFigures(db: Executor, query: PeriodQuery): Promise<StationEpisodeRow[]> {
  return queryRows<StationEpisodeRow>(
    db,
    sql`${clippedRuns(query)}
        select station_id as "stationId", count(*)::int as count, sum("end" - start)::float8 as "totalSeconds", max("end" - start)::float8 as "longestSeconds"
        from clipped where "end" > start
        group by station_id
        order by 3 desc, station_id collate "C"`,
  );
}

export interface EpisodeRow {
  stationId: string;
  start: number;
  end: number;
  ongoing: boolean;
  clippedStart: boolean;
  clippedEnd: boolean;
}

/** The `limit` longest runs inside the period: longest first, then by start, then station. */
export async function longestEpisodes(db: Executor, query: PeriodQuery, limit: number): Promise<EpisodeRow[]> {
  return queryRows<EpisodeRow>(
    db,
    sql`${clippedRuns(query)}
        select station_id as "stationId", start, "end", ongoing, clipped_start as "clippedStart", clipped_end as "clippedEnd"
        from clipped where "end" > start
        order by "end" - start desc, start, station_id collate "C"
        limit ${limit}`,
  );
}
