/** Polls of the project's Vélib-shaped simulator, fetched and parsed up front so that timings are database time only. */
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { fetchSnapshot } from '@/lib/gbfs/fetchSnapshot';
import { startSimulator } from '@/simulator';

export interface SimulatedPolls {
  stations: number;
  /** Feed time of the first poll, epoch seconds. */
  start: number;
  count: number;
  stepSeconds?: number;
}

export async function velibSnapshots({ stations, start, count, stepSeconds = 60 }: SimulatedPolls): Promise<Snapshot[]> {
  const sim = await startSimulator({ variant: 'velib', stations, seed: 1, startTime: start, stepSeconds });
  try {
    const policy = { timeoutMs: 10_000, maxBytes: 50_000_000, retries: 0 };
    const snapshots: Snapshot[] = [];
    for (let i = 0; i < count; i++) snapshots.push(await fetchSnapshot('bench', sim.gbfsUrl, policy));
    return snapshots;
  } finally {
    await sim.close();
  }
}

/** The same poll `seconds` later: lets a handful of fetched polls continue a history of any length. */
export function shiftSnapshot(snapshot: Snapshot, seconds: number): Snapshot {
  return { ...snapshot, feedTime: snapshot.feedTime + seconds, fetchedAt: snapshot.fetchedAt + seconds };
}
