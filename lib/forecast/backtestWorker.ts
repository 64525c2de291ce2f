/** The worker thread of backtestWorkers.ts: scores its share of the fit groups and answers with their sums. */
import { parentPort, workerData } from 'node:worker_threads';
import { planBacktest, scoreBacktestGroups, type PlainBacktestOptions } from './backtest';
import { onWorker, unpackHistories, type PackedHistories } from './backtestWorkers';

const { packed, options } = workerData as { packed: PackedHistories; options: PlainBacktestOptions };
parentPort!.postMessage(scoreBacktestGroups(planBacktest(unpackHistories(packed), options), onWorker));
