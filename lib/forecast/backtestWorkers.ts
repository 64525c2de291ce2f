/**
 * The fit's backtest on two threads: its fit groups (one per day of origins) are independent, so
 * every other one is scored by a worker thread while this thread scores the rest, and their sums
 * are added in time order as `backtest` adds them: the same figures, to the last bit, in about
 * half the time on two cores. A Vélib'-sized month scores eight groups of ~4 s each.
 *
 * The worker runs TypeScript through tsx's loader, so this is for the commands (import, demo,
 * forecast:fit); the server, bundled by Next, fits with `backtest` on its own thread.
 */
import { typeScriptWorker } from '@/lib/typeScriptWorker';
import { describeError } from '@/lib/errors';
import { logEvent } from '@/lib/log';
import { backtestFromScores, planBacktest, scoreBacktestGroups, type BacktestResult, type GroupScore, type PlainBacktestOptions } from './backtest';
import type { HourObservation, StationHistory } from './types';

/** Groups of odd index go to the worker, even ones stay. */
export const onWorker = (index: number) => index % 2 === 1;

/**
 * The histories as typed arrays moved to the worker without a copy: cloned as objects, a month of
 * 1,500 stations (1.3 million hours) took 2.5 s to serialise here and 3.9 s to read there.
 */
export interface PackedHistories {
  capacities: Float64Array;
  /** Station i's hours are entries offsets[i] to offsets[i + 1]. */
  offsets: Int32Array;
  /** Per hour: hourStart, meanBikes, fullShare, emptyShare, poll bikes, docks, secondsIntoHour. */
  figures: Float64Array;
  /** Per hour: weekday, hour, observed (1) or not, poll absent (0), null (1) or given (2). */
  labels: Int8Array;
}

const FIGURES = 7;
const LABELS = 4;

export function packHistories(histories: readonly StationHistory[]): PackedHistories {
  const offsets = new Int32Array(histories.length + 1);
  histories.forEach((history, i) => (offsets[i + 1] = offsets[i] + history.hours.length));
  const total = offsets[histories.length];
  const figures = new Float64Array(total * FIGURES);
  const labels = new Int8Array(total * LABELS);
  let at = 0;
  for (const { hours } of histories) {
    for (const entry of hours) {
      const f = at * FIGURES;
      const l = at * LABELS;
      figures[f] = entry.hourStart;
      figures[f + 1] = entry.meanBikes ?? 0;
      figures[f + 2] = entry.fullShare ?? 0;
      figures[f + 3] = entry.emptyShare ?? 0;
      labels[l] = entry.weekday;
      labels[l + 1] = entry.hour;
      labels[l + 2] = entry.meanBikes === null ? 0 : 1;
      labels[l + 3] = entry.poll === undefined ? 0 : entry.poll === null ? 1 : 2;
      if (entry.poll) {
        figures[f + 4] = entry.poll.bikes;
        figures[f + 5] = entry.poll.docks;
        figures[f + 6] = entry.poll.secondsIntoHour;
      }
      at++;
    }
  }
  return { capacities: Float64Array.from(histories, (history) => history.capacity), offsets, figures, labels };
}

export function unpackHistories({ capacities, offsets, figures, labels }: PackedHistories): StationHistory[] {
  return Array.from(capacities, (capacity, i) => {
    const hours: HourObservation[] = [];
    for (let at = offsets[i]; at < offsets[i + 1]; at++) {
      const f = at * FIGURES;
      const l = at * LABELS;
      const observed = labels[l + 2] === 1;
      const entry: HourObservation = {
        hourStart: figures[f],
        weekday: labels[l],
        hour: labels[l + 1],
        meanBikes: observed ? figures[f + 1] : null,
        fullShare: observed ? figures[f + 2] : null,
        emptyShare: observed ? figures[f + 3] : null,
      };
      const poll = labels[l + 3];
      if (poll !== 0) entry.poll = poll === 1 ? null : { bikes: figures[f + 4], docks: figures[f + 5], secondsIntoHour: figures[f + 6] };
      hours.push(entry);
    }
    return { capacity, hours };
  });
}

/** `onWorkerFailure: 'throw'` (the tests) rather than scoring the worker's share here. */
export async function backtestOnTwoThreads(
  histories: readonly StationHistory[],
  options: PlainBacktestOptions,
  { onWorkerFailure = 'score here' }: { onWorkerFailure?: 'score here' | 'throw' } = {},
): Promise<BacktestResult> {
  const packed = packHistories(histories);
  const worker = typeScriptWorker(new URL('./backtestWorker.ts', import.meta.url), {
    workerData: { packed, options },
    transferList: [packed.capacities, packed.offsets, packed.figures, packed.labels].map((array) => array.buffer as ArrayBuffer),
  });
  const theirs = new Promise<GroupScore[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the backtest worker stopped (exit code ${code}) before answering`)));
  });
  // Awaited below; should this thread's share throw first, the worker's end must not count as unhandled.
  theirs.catch(() => undefined);
  try {
    // Scored here while the worker scores its own: this thread's share is synchronous.
    const plan = planBacktest(histories, options);
    const ours = scoreBacktestGroups(plan, (index) => !onWorker(index));
    // A worker that could not start or died (no tsx loader, out of memory) costs time, not the fit.
    const scored = await theirs.catch((error: unknown) => {
      if (onWorkerFailure === 'throw') throw error;
      logEvent('warn', 'forecast.backtest_worker_failed', { reason: describeError(error) });
      return scoreBacktestGroups(plan, onWorker);
    });
    const scores: GroupScore[] = [];
    for (let index = 0, mine = 0, other = 0; mine < ours.length || other < scored.length; index++) {
      scores.push(onWorker(index) ? scored[other++] : ours[mine++]);
    }
    return backtestFromScores(plan, scores);
  } finally {
    await worker.terminate();
  }
}
