/**
 * Saturation episodes: per station, the runs of consecutive polls in which it was full (no free
 * dock) or empty (no bike). A run holds exactly the seconds the hourly rollups credit to full_s
 * (or empty_s): the same observed-state and full/empty tests, the same gap rule (credit.ts), so
 * a station's episode seconds over a period equal its rollups' sum over the same hours.
 *
 * Statuses are stored only when they change, so a station's state is constant from one of its
 * status rows to the next: runs are found from those changes and the system's gaps between polls,
 * never by visiting every station at every poll.
 */
import { hasNoBike, hasNoFreeDock, isCreditableInterval, isObserved } from '../hotspots/credit';
import type { TimeWindow } from '../calendar';
import type { StationState } from '../hotspots/types';

export const EPISODE_KINDS = ['full', 'empty'] as const;
export type EpisodeKind = (typeof EPISODE_KINDS)[number];

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

/** One run, as the polls saw it: [start, end) over poll times. */
export interface Run {
  stationId: string;
  start: number;
  end: number;
  /** The run reaches the system's newest poll and the station is still in that state there. */
  ongoing: boolean;
}

export function isInEpisode(state: Omit<EpisodeStatus, 't'>, kind: EpisodeKind): boolean {
  if (!isObserved(state)) return false;
  return kind === 'full' ? hasNoFreeDock(state) : hasNoBike(state);
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

/** A run inside a period: cut to its bounds, saying where it was cut. */
export interface Episode extends Run {
  durationSeconds: number;
  /** The run began before the period. */
  clippedStart: boolean;
  /** The run went on after the period. */
  clippedEnd: boolean;
}

/** `run` cut to `window` (the period's local days), or null when no second of it falls inside. */
export function clipRun(run: Run, window: TimeWindow): Episode | null {
  const start = Math.max(run.start, window.start);
  const end = Math.min(run.end, window.end);
  if (end <= start) return null;
  return { ...run, start, end, durationSeconds: end - start, clippedStart: run.start < window.start, clippedEnd: run.end > window.end };
}
