/**
 * The reference the stored episodes are tested against: saturation episodes computed as
 * GET /api/episodes computed them before station_episodes existed, from the raw statuses at
 * request time. The polls and statuses of the period (and the state at the poll before it) are
 * replayed, runs are cut at gaps between polls (MAX_GAP_SECONDS), then clipped to the period and
 * tallied. One change: the history is read up to the newest poll rather than to the first poll
 * after the period, so that `ongoing` says what the API documents (the run is still going at the
 * newest poll) also for a past period; every other figure is the same either way.
 */
import { sql, type SQL } from 'drizzle-orm';
import { isCreditableInterval } from '@/lib/hotspots/credit';
import { clipRun, isInEpisode, type Episode, type EpisodeKind, type Run } from '@/lib/episodes/episodes';
import type { StationState } from '@/lib/hotspots/types';
import { isoTime, localDayWindow, type TimeWindow } from '@/lib/calendar';
import type { EpisodesQuery, EpisodesResponse } from '@/lib/episodes/schemas';
import { queryRows, type Executor } from '@/db/rows';

/** What a run needs of a stored status: its time and what decides observed, full and empty. */
export type EpisodeStatus = Pick<StationState, 'stationId' | 'present' | 'installed' | 'bikes' | 'docks'> & { t: number };

export interface EpisodeHistoryChunk {
  /** Feed times of the stored polls, in order. */
  pollTimes: number[];
  /**
   * Raw statuses in time order. Those at or before the first poll seed the states there (the
   * newest status of each station kept at that poll, as after pruning).
   */
  statuses: EpisodeStatus[];
}

/** Consecutive polls too far apart: the time between them is unobserved. */
interface Gap {
  from: number;
  to: number;
}

export class EpisodeReplay {
  /** Station id -> the poll from which it has been in the episode's state. */
  private readonly since = new Map<string, number>();
  private readonly gaps: Gap[] = [];
  private waiting: EpisodeStatus[] = [];
  private lastPoll: number | null = null;

  constructor(
    private readonly kind: EpisodeKind,
    private readonly maxGapSeconds: number,
    private readonly onRun: (run: Run) => void,
  ) {}

  /** Feeds the next chunk of history (every event after the previous chunk's). */
  replay(chunk: EpisodeHistoryChunk): void {
    const statuses = this.waiting.length === 0 ? chunk.statuses : [...this.waiting, ...chunk.statuses];
    let s = 0;
    for (const t of chunk.pollTimes) {
      if (this.lastPoll !== null && !isCreditableInterval(this.lastPoll, t, this.maxGapSeconds)) this.gaps.push({ from: this.lastPoll, to: t });
      for (; s < statuses.length && statuses[s].t <= t; s++) this.apply(statuses[s], t);
      this.lastPoll = t;
    }
    // A status is stored with its poll, so only a chunk cut between them leaves any behind.
    this.waiting = statuses.slice(s);
  }

  /** Ends the history: the runs still going end at the last poll, ongoing when it is the system's newest. */
  finish(newestPoll: number | null): void {
    if (this.lastPoll === null) return;
    for (const [stationId, since] of this.since) this.emitSpan(stationId, since, this.lastPoll, this.lastPoll === newestPoll);
    this.since.clear();
  }

  private apply(status: EpisodeStatus, pollTime: number): void {
    const since = this.since.get(status.stationId);
    const inEpisode = isInEpisode(status, this.kind);
    if (since === undefined && inEpisode) this.since.set(status.stationId, pollTime);
    if (since !== undefined && !inEpisode) {
      this.since.delete(status.stationId);
      this.emitSpan(status.stationId, since, pollTime, false);
    }
  }

  /** The station was in the state over the polls [from, to): one run per stretch between gaps. */
  private emitSpan(stationId: string, from: number, to: number, ongoing: boolean): void {
    let start = from;
    for (let g = this.firstGapFrom(from); g < this.gaps.length && this.gaps[g].from < to; g++) {
      const gap = this.gaps[g];
      if (gap.from > start) this.onRun({ stationId, start, end: gap.from, ongoing: false });
      start = gap.to;
    }
    if (to > start) this.onRun({ stationId, start, end: to, ongoing });
  }

  private firstGapFrom(t: number): number {
    let low = 0;
    let high = this.gaps.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.gaps[middle].from < t) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}



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


export interface StationEpisodeFigures {
  stationId: string;
  count: number;
  totalSeconds: number;
  longestSeconds: number;
}

/** Longest first; equal ones by start, then station, so an answer never depends on reading order. */
export function longestFirst(a: Episode, b: Episode): number {
  return b.durationSeconds - a.durationSeconds || a.start - b.start || (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0);
}

export class EpisodeTally {
  private readonly byStation = new Map<string, StationEpisodeFigures>();
  private kept: Episode[] = [];
  count = 0;

  constructor(private readonly limit: number) {}

  add(episode: Episode): void {
    this.count++;
    const figures = this.byStation.get(episode.stationId) ?? { stationId: episode.stationId, count: 0, totalSeconds: 0, longestSeconds: 0 };
    figures.count++;
    figures.totalSeconds += episode.durationSeconds;
    figures.longestSeconds = Math.max(figures.longestSeconds, episode.durationSeconds);
    this.byStation.set(episode.stationId, figures);
    this.kept.push(episode);
    // Trimming at twice the limit sorts rarely: the cost stays O(n log limit).
    if (this.kept.length >= 2 * this.limit + 64) this.trim();
  }

  /** Stations with at least one episode, most seconds first. */
  stations(): StationEpisodeFigures[] {
    return [...this.byStation.values()].sort(
      (a, b) => b.totalSeconds - a.totalSeconds || (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0),
    );
  }

  /** The `limit` longest episodes, longest first. */
  longest(): Episode[] {
    this.trim();
    return [...this.kept];
  }

  private trim(): void {
    this.kept = this.kept.sort(longestFirst).slice(0, this.limit);
  }
}

const DAY = 86_400;

/** The answer of GET /api/episodes for `query`, computed from the raw statuses. */
export async function referenceEpisodes(
  db: Executor,
  query: Pick<EpisodesQuery, 'start' | 'end' | 'kind' | 'limit'> & { stationIds?: string[] },
  system: { id: string; timezone: string },
  maxGapSeconds: number,
): Promise<Pick<EpisodesResponse, 'coverage' | 'newestPoll' | 'totalEpisodes'> & { stations: StationEpisodeFigures[]; episodes: Episode[] }> {
  const window: TimeWindow = { start: localDayWindow(query.start, 0, 24, system.timezone).start, end: localDayWindow(query.end, 0, 24, system.timezone).end };
  const stationIds = query.stationIds ?? null;
  const found = await episodePollSpan(db, system.id, window.start, window.end);
  const tally = new EpisodeTally(query.limit);
  if (found) {
    const span = { ...found, last: found.newest };
    const replay = new EpisodeReplay(query.kind, maxGapSeconds, (run) => {
      const episode = clipRun(run, window);
      if (episode) tally.add(episode);
    });
    replay.replay({ pollTimes: [span.first], statuses: await statusesAt(db, system.id, span.first, stationIds) });
    for (let from = span.first; from < span.last; from += DAY) {
      replay.replay(await episodeChunk(db, system.id, from, Math.min(from + DAY, span.last), stationIds));
    }
    replay.finish(span.newest);
  }
  const coverage = found && { from: Math.max(window.start, found.first), to: Math.min(window.end, found.last) };
  return {
    newestPoll: isoTime(found?.newest ?? null),
    coverage: coverage && coverage.to > coverage.from ? { from: isoTime(coverage.from), to: isoTime(coverage.to) } : null,
    totalEpisodes: tally.count,
    stations: tally.stations(),
    episodes: tally.longest(),
  };
}
