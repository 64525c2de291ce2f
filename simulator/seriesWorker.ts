/** The worker thread of simulator/series.ts: renders and parses one snapshot per 'next' message. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { simulatedSnapshots, type SimulatedSeriesOptions, type WorkerSnapshot } from './series';

const { options, times } = workerData as { options: SimulatedSeriesOptions; times: number[] };
const snapshots = simulatedSnapshots(options, times);
let sentStations: Snapshot['stations'] | null = null;
parentPort!.on('message', () => {
  const next = snapshots.next();
  if (next.done) return parentPort!.close();
  // The city's stations are the same array from one snapshot to the next: copied across once.
  const { stations, ...rest } = next.value;
  const message: WorkerSnapshot = stations === sentStations ? { ...rest, stations: null } : { ...rest, stations };
  sentStations = stations;
  parentPort!.postMessage(message);
});
