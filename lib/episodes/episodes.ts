/**
 * Saturation episodes: per station, the runs of consecutive polls in which it was full (no free
 * dock) or empty (no bike). A run holds exactly the seconds the hourly rollups credit to full_s
 * (or empty_s): the same observed-state and full/empty tests, the same gap rule (credit.ts), so
 * a station's episode seconds over a period equal its rollups' sum over the same hours.
 *
 * They are kept as the polls arrive (station_episodes): each poll ends the runs of the stations
 * that left the state and starts those of the stations that entered it, and after an unobserved
 * gap (or at the system's first poll) every run ends at the poll before the gap and the stations
 * still in the state start anew. This module is the pure part of that, shared by the poll
 * (storePoll), the bulk import and the rebuild, so the three keep the same rows.
 */
import { hasNoBike, hasNoFreeDock, isCreditableInterval, isObserved } from '../hotspots/credit';
import type { TimeWindow } from '../calendar';
import type { StationState } from '../hotspots/types';

export const EPISODE_KINDS = ['full', 'empty'] as const;
export type EpisodeKind = (typeof EPISODE_KINDS)[number];

/** What decides whether a station is observed, full and empty. */
export type EpisodeState = Pick<StationState, 'stationId' | 'present' | 'installed' | 'bikes' | 'docks'>;

export function isInEpisode(state: EpisodeState | Omit<EpisodeState, 'stationId'>, kind: EpisodeKind): boolean {
  if (!isObserved(state)) return false;
  return kind === 'full' ? hasNoFreeDock(state) : hasNoBike(state);
}

export interface EpisodeKey {
  kind: EpisodeKind;
  stationId: string;
}

/** What one poll does to the stored runs. */
export interface EpisodeChanges {
  /**
   * The poll before this one, when the time between is an unobserved gap: every open run ends
   * there (a run that began at that very poll has no second and is dropped). Null otherwise.
   */
  endAllAt: number | null;
  /** Runs that end at this poll: the station left the state. */
  ended: EpisodeKey[];
  /** Runs that start at this poll. */
  started: EpisodeKey[];
}

/**
 * The runs a poll at `feedTime` ends and starts, from the states the previous poll (at
 * `previousFeedTime`) left and the statuses this poll changed (nextStates' changedStatus).
 */
export function episodeChanges(
  previous: ReadonlyMap<string, EpisodeState>,
  changedStatus: readonly EpisodeState[],
  previousFeedTime: number | null,
  feedTime: number,
  maxGapSeconds: number,
): EpisodeChanges {
  const ended: EpisodeKey[] = [];
  const started: EpisodeKey[] = [];
  if (previousFeedTime === null || !isCreditableInterval(previousFeedTime, feedTime, maxGapSeconds)) {
    // After a gap (or at the first poll) every station in the state starts a run here.
    const changed = new Map(changedStatus.map((s) => [s.stationId, s]));
    for (const state of previous.values()) {
      const now = changed.get(state.stationId) ?? state;
      for (const kind of EPISODE_KINDS) if (isInEpisode(now, kind)) started.push({ kind, stationId: state.stationId });
    }
    for (const state of changedStatus) {
      if (previous.has(state.stationId)) continue;
      for (const kind of EPISODE_KINDS) if (isInEpisode(state, kind)) started.push({ kind, stationId: state.stationId });
    }
    return { endAllAt: previousFeedTime, ended, started };
  }
  for (const state of changedStatus) {
    const before = previous.get(state.stationId);
    for (const kind of EPISODE_KINDS) {
      const was = before !== undefined && isInEpisode(before, kind);
      const now = isInEpisode(state, kind);
      if (was && !now) ended.push({ kind, stationId: state.stationId });
      if (!was && now) started.push({ kind, stationId: state.stationId });
    }
  }
  return { endAllAt: null, ended, started };
}

/** A stored run: [start, end) over poll times (epoch s); end null while it is still going. */
export interface StoredEpisode extends EpisodeKey {
  start: number;
  end: number | null;
}

const keyOf = ({ kind, stationId }: EpisodeKey) => `${kind}\u0000${stationId}`;

/**
 * The bulk paths' (import, rebuild) copy of the table in memory: the open runs, and the runs the
 * polls ended since the caller last took them. Applies EpisodeChanges exactly as
 * storeEpisodes.ts applies them to the table.
 */
export class EpisodeLedger {
  private readonly open = new Map<string, StoredEpisode>();
  private closed: StoredEpisode[] = [];

  constructor(open: Iterable<StoredEpisode> = []) {
    for (const episode of open) this.open.set(keyOf(episode), { ...episode, end: null });
  }

  apply(changes: EpisodeChanges, feedTime: number): void {
    if (changes.endAllAt !== null) {
      const at = changes.endAllAt;
      for (const episode of this.open.values()) if (episode.start < at) this.closed.push({ ...episode, end: at });
      this.open.clear();
    }
    for (const key of changes.ended) {
      const episode = this.open.get(keyOf(key));
      if (!episode) continue;
      this.open.delete(keyOf(key));
      this.closed.push({ ...episode, end: feedTime });
    }
    for (const key of changes.started) this.open.set(keyOf(key), { ...key, start: feedTime, end: null });
  }

  get closedCount(): number {
    return this.closed.length;
  }

  /** The runs ended since the last call. */
  takeClosed(): StoredEpisode[] {
    const closed = this.closed;
    this.closed = [];
    return closed;
  }

  /** The runs still going at the newest poll applied. */
  openEpisodes(): StoredEpisode[] {
    return [...this.open.values()];
  }
}

/** One run, as the polls saw it: [start, end) over poll times. */
export interface Run {
  stationId: string;
  start: number;
  end: number;
  /** The run reaches the system's newest poll and the station is still in that state there. */
  ongoing: boolean;
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
