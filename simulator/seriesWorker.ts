/** The worker thread of simulator/series.ts: renders and parses one snapshot per 'next' message. */
import { parentPort, workerData } from 'node:worker_threads';
import { simulatedSnapshots, type SimulatedSeriesOptions } from './series';

const { options, times } = workerData as { options: SimulatedSeriesOptions; times: number[] };
const snapshots = simulatedSnapshots(options, times);
parentPort!.on('message', () => {
  const next = snapshots.next();
  if (next.done) parentPort!.close();
  else parentPort!.postMessage(next.value);
});
