/**
 * Replaying stored history into hourly rollups, through the same crediting code the polls use, so
 * that a rebuild equals what the polls built incrementally. The caller feeds the history a chunk
 * at a time (events in (from, to], in time order), which keeps memory bounded however long it is.
 */
import { addFigures, creditPoll } from './credit';
import { localHourStart, nextLocalHourStart } from '../calendar';
import type { HourlyFigures, StationState } from './types';

export interface HistoryChunk {
  /** Feed times of the stored polls. */
  pollTimes: number[];
  /** Station descriptions by the time they became valid: where each station stood. */
  versions: Array<{ stationId: string; t: number; h3: string }>;
  /** Raw statuses by the feed time of the poll that stored them. */
  statuses: Array<Omit<StationState, 'h3'> & { t: number }>;
}

/**
 * Pruned raw history leaves the hour of the oldest kept poll partly credited by polls that are
 * gone: a rebuild starts at the first whole local hour at or after that poll and keeps what is before.
 */
export function replayBoundary(firstPoll: number, timeZone: string): number {
  return localHourStart(firstPoll, timeZone) === firstPoll ? firstPoll : nextLocalHourStart(firstPoll, timeZone);
}

export class RollupReplay {
  private readonly states = new Map<string, StationState>();
  private readonly cells = new Map<string, string>();
  private readonly pending = new Map<string, HourlyFigures>();
  private previousPoll: number | null = null;
  polls = 0;

  constructor(
    private readonly timeZone: string,
    private readonly maxGapSeconds: number,
    /** Hours starting before this are not produced (see replayBoundary). */
    private readonly boundary: number,
  ) {}

  /** Replays the events of (from, to]; returns the hours that no later event can change. */
  replay(chunk: HistoryChunk, to: number): HourlyFigures[] {
    let v = 0;
    let s = 0;
    const applyUntil = (until: number) => {
      for (; v < chunk.versions.length && chunk.versions[v].t <= until; v++) {
        const { stationId, h3 } = chunk.versions[v];
        this.cells.set(stationId, h3);
        const state = this.states.get(stationId);
        if (state) state.h3 = h3;
      }
      for (; s < chunk.statuses.length && chunk.statuses[s].t <= until; s++) {
        const { t: _t, ...status } = chunk.statuses[s];
        this.states.set(status.stationId, { ...status, h3: this.cells.get(status.stationId) ?? '' });
      }
    };
    for (const t of chunk.pollTimes) {
      if (this.previousPoll !== null) this.credit(this.previousPoll, t);
      applyUntil(t);
      this.previousPoll = t;
      this.polls++;
    }
    // Rows kept by pruning have no poll of their own any more: they are the states at the cut.
    applyUntil(to);
    return this.previousPoll === null ? [] : this.takeFinished(this.previousPoll);
  }

  /** Every hour still pending, once the history is replayed to its end. */
  finish(): HourlyFigures[] {
    const rest = [...this.pending.values()];
    this.pending.clear();
    return rest;
  }

  private credit(t0: number, t1: number) {
    for (const row of creditPoll(this.states.values(), t0, t1, this.timeZone, this.maxGapSeconds)) {
      if (row.hourStart < this.boundary) continue;
      const key = `${row.hourStart}|${row.stationId}|${row.h3}`;
      const before = this.pending.get(key);
      this.pending.set(key, before ? addFigures(before, row) : row);
    }
  }

  /** Hours the replay has moved past for good: every later interval starts after them. */
  private takeFinished(before: number): HourlyFigures[] {
    const finished: HourlyFigures[] = [];
    for (const [key, row] of this.pending) {
      if (row.hourStart + 2 * 3600 <= before) {
        finished.push(row);
        this.pending.delete(key);
      }
    }
    return finished;
  }
}
