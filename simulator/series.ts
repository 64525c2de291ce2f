/**
 * The synthetic city's history as a series of snapshots for the bulk path (lib/import/land.ts):
 * each step's documents rendered in the chosen dialect, exactly as the simulator serves them,
 * then read by the live path's own parsers, as a poll of the simulator would read them. The
 * rendering and parsing of a Vélib-sized city take ~15 ms a step, so they run in a worker thread
 * a few steps ahead of the landing, which then only diffs, credits and writes.
 */
import { typeScriptWorker } from '@/lib/typeScriptWorker';
import { buildSnapshot, type Snapshot } from '@/lib/gbfs/snapshot';
import { parseJsonText } from '@/lib/gbfs/json';
import { parseStationInformation } from '@/lib/gbfs/stationInformation';
import { parseStationStatus } from '@/lib/gbfs/stationStatus';
import { parseSystemInformation } from '@/lib/gbfs/systemInformation';
import { parseVehicleTypes } from '@/lib/gbfs/vehicleTypes';
import type { SnapshotSeries } from '@/lib/import/land';
import { PARIS, buildCity } from './city';
import { RENDERERS } from './render';
import { SIMULATOR_DEFAULTS } from './simulator';
import { renderFeed } from './syntheticSource';
import type { FeedVariant } from './types';

export interface SimulatedSeriesOptions {
  variant?: FeedVariant;
  stations: number;
  seed?: number;
  /** Feed time of the first snapshot, epoch seconds. */
  start: number;
  stepSeconds: number;
  count: number;
  /** Render and parse in a worker thread (default); false keeps it on this thread. */
  worker?: boolean;
}

/** Renders and parses the snapshots at `times`, in order: the same documents the simulator serves at those times. */
export function* simulatedSnapshots(options: SimulatedSeriesOptions, times: readonly number[]): Generator<Snapshot> {
  const variant = options.variant ?? 'velib';
  const renderer = RENDERERS[variant];
  const city = buildCity(options.seed ?? SIMULATOR_DEFAULTS.seed, options.stations, PARIS, SIMULATOR_DEFAULTS.timezone);
  const system = { systemId: SIMULATOR_DEFAULTS.systemId, name: SIMULATOR_DEFAULTS.name, timezone: SIMULATOR_DEFAULTS.timezone };
  const baseUrl = 'http://simulator.invalid';
  const read = (feed: Parameters<typeof renderFeed>[2], t: number) => parseJsonText(renderFeed(city, renderer, feed, { t, baseUrl, system }), feed);
  // The city's stations never move and its name never changes: read once, as a poll reads them each time.
  const first = times[0] ?? options.start;
  const info = parseSystemInformation(read('system_information', first)).info;
  const information = parseStationInformation(read('station_information', first));
  const vehicleKinds = renderer.feeds.includes('vehicle_types') ? parseVehicleTypes(read('vehicle_types', first)) : undefined;
  for (const t of times) {
    const status = parseStationStatus(read('station_status', t), { fetchedAt: t, vehicleKinds });
    yield buildSnapshot({ system: info, information, status, fetchedAt: t });
  }
}

/** A snapshot as the worker sends it: `stations` null when they are those of the snapshot before. */
export type WorkerSnapshot = Omit<Snapshot, 'stations'> & { stations: Snapshot['stations'] | null };

/** Snapshots a worker keeps ready ahead of the landing. */
const AHEAD = 8;

async function* fromWorker(options: SimulatedSeriesOptions, times: readonly number[]): AsyncGenerator<Snapshot> {
  const worker = typeScriptWorker(new URL('./seriesWorker.ts', import.meta.url), { workerData: { options, times } });
  const ready: Snapshot[] = [];
  // Received once and shared by the snapshots that follow, as in the worker (the ledger then
  // sees the same descriptions and skips comparing them).
  let stations: Snapshot['stations'] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  let failure: Error | null = null;
  let requested = 0;
  let consumed = 0;
  const request = () => {
    while (requested < times.length && requested - consumed < AHEAD) {
      requested++;
      worker.postMessage('next');
    }
  };
  worker.on('message', (message: WorkerSnapshot) => {
    stations = message.stations ?? stations;
    ready.push({ ...message, stations });
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', () => {
    ended = true;
    wake?.();
  });
  try {
    request();
    while (consumed < times.length) {
      if (ready.length === 0) {
        if (failure) throw failure;
        if (ended) throw new Error('the simulator worker stopped early');
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      consumed++;
      request();
      yield ready.shift()!;
    }
  } finally {
    await worker.terminate();
  }
}

/** The simulated history from `start`, one snapshot every `stepSeconds`, as a series to land. */
export function simulatedSeries(options: SimulatedSeriesOptions): SnapshotSeries {
  const feedTimes = Array.from({ length: options.count }, (_, i) => options.start + i * options.stepSeconds);
  return {
    feedTimes,
    snapshots(after) {
      const times = feedTimes.filter((t) => after === null || t > after);
      if (options.worker === false) {
        const sync = simulatedSnapshots(options, times);
        return (async function* () {
          yield* sync;
        })();
      }
      return fromWorker(options, times);
    },
  };
}
