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
  /** Resolution-10 cell of the station's current position. */
  h3: string;
}

/** Every station's cell: what a hexagon filter needs. */
export async function stationCells(db: Executor, systemId: string): Promise<EpisodeStation[]> {
  return queryRows<EpisodeStation>(db, sql`select station_id as "stationId", h3 from stations where system_id = ${systemId}`);
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
        -- In the primary key's order: a probe of this station's runs alone, never a walk back through every station's.
        order by e.station_id desc, e.start_time desc limit 1) before
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
  name: string | null;
  h3: string | null;
  count: number;
  totalSeconds: number;
  longestSeconds: number;
}

export interface EpisodeRow {
  stationId: string;
  name: string | null;
  h3: string | null;
  start: number;
  end: number;
  ongoing: boolean;
  clippedStart: boolean;
  clippedEnd: boolean;
}

export interface PeriodEpisodes {
  /** Per station with a run in the period: how many, their seconds inside it, the longest; most seconds first. */
  stations: StationEpisodeRow[];
  /** The `limit` longest runs inside the period: longest first, then by start, then station. */
  longest: EpisodeRow[];
}

/**
 * Both parts of the answer in one statement, so the period's runs are found and cut once; each
 * station's name and cell joined in, so only the stations of the answer are read.
 */
export async function periodEpisodes(db: Executor, query: PeriodQuery, limit: number): Promise<PeriodEpisodes> {
  const [row] = await queryRows<{ stations: StationEpisodeRow[] | string; longest: EpisodeRow[] | string }>(db, periodEpisodesSql(query, limit));
  // As text, parsed here: postgres.js and PGlite would each parse json their own way.
  const parse = <T>(value: T[] | string): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : value);
  return { stations: parse(row.stations), longest: parse(row.longest) };
}

/** The statement of periodEpisodes (also for EXPLAIN). */
export function periodEpisodesSql(query: PeriodQuery, limit: number): SQL {
  return sql`${clippedRuns(query)},
        kept as materialized (select * from clipped where "end" > start),
        per_station as (
          select k.station_id as "stationId", s.name, s.h3, count(*)::int as count,
            sum(k."end" - k.start)::float8 as "totalSeconds", max(k."end" - k.start)::float8 as "longestSeconds"
          from kept k left join stations s on s.system_id = ${query.systemId} and s.station_id = k.station_id
          group by k.station_id, s.name, s.h3
        ),
        longest as (
          select k.station_id as "stationId", s.name, s.h3, k.start, k."end", k.ongoing,
            k.clipped_start as "clippedStart", k.clipped_end as "clippedEnd"
          from kept k left join stations s on s.system_id = ${query.systemId} and s.station_id = k.station_id
          order by k."end" - k.start desc, k.start, k.station_id collate "C"
          limit ${limit}
        )
        select
          (select coalesce(json_agg(p order by p."totalSeconds" desc, p."stationId" collate "C"), '[]') from per_station p)::text as stations,
          (select coalesce(json_agg(l order by l."end" - l.start desc, l.start, l."stationId" collate "C"), '[]') from longest l)::text as longest`;
}
