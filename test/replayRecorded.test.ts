/**
 * Recorded real feeds (../shared/gbfs, through GBFS_SAMPLES_DIR) replayed through the real HTTP
 * ingestion path. The hotspot weights must equal an independent, straightforward computation
 * over the same files written here (sharing no code with lib/hotspots).
 */
import fs from 'node:fs';
import path from 'node:path';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSystem, type IngestSettings } from '@/lib/ingest/pollSystem';
import { startReplay } from '@/lib/simulator';
import { computeHotspots } from '@/lib/hotspots/aggregate';
import { windowFigures } from '@/db/readQueries';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases';
import { storedCounts, withoutRuns } from './tableCounts';

process.env.LOG_LEVEL = 'silent';
const samples = process.env.GBFS_SAMPLES_DIR;

interface Series {
  folder: string;
  timezone: string;
  maxGap: number;
  /** A local day and its bounds in UTC (no DST change that day). */
  day: string;
  dayStart: number;
  /** Distinct stations over every station_information of the series (counted separately). */
  stations: number;
}

const SERIES: Series[] = [
  { folder: 'baywheels', timezone: 'America/Los_Angeles', maxGap: 900, day: '2023-07-18', dayStart: Date.UTC(2023, 6, 18, 7) / 1000, stations: 526 },
  { folder: 'oslo-bysykkel', timezone: 'Europe/Oslo', maxGap: 1500, day: '2023-05-16', dayStart: Date.UTC(2023, 4, 15, 22) / 1000, stations: 247 },
];

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const asTime = (v: unknown) => (typeof v === 'string' && !/^\d+$/.test(v) ? Date.parse(v) / 1000 : Number(v));
const truthy = (v: unknown) => v === undefined || v === true || v === 1 || v === '1' || v === 'true';

/** The expected occupancy weights, computed straight from the recorded files. */
function independentWeights(series: Series): Map<string, number> {
  const dir = path.join(samples!, series.folder);
  const snapshots = fs.readdirSync(dir).sort().filter((name) => fs.existsSync(path.join(dir, name, 'station_status.json')));
  let cells = new Map<string, string>();
  const infoFolders = fs.readdirSync(dir).sort().filter((name) => fs.existsSync(path.join(dir, name, 'station_information.json')));
  const polls = snapshots.map((name) => {
    const info = infoFolders.filter((f) => f <= name).pop() ?? infoFolders[0];
    cells = new Map(
      readJson(path.join(dir, info, 'station_information.json')).data.stations
        .filter((s: { lat: number; lon: number }) => Number(s.lat) !== 0 || Number(s.lon) !== 0)
        .map((s: { station_id: string; lat: number; lon: number }) => [String(s.station_id), latLngToCell(Number(s.lat), Number(s.lon), 10)]),
    );
    const status = readJson(path.join(dir, name, 'station_status.json'));
    return { t: asTime(status.last_updated), cells, stations: status.data.stations as Record<string, unknown>[] };
  });
  const bikeS = new Map<string, number>();
  const dockS = new Map<string, number>();
  const dayEnd = series.dayStart + 86_400;
  for (let k = 0; k + 1 < polls.length; k++) {
    const { t, stations, cells: at } = polls[k];
    const next = polls[k + 1].t;
    if (next - t > series.maxGap) continue;
    const seconds = Math.min(next, dayEnd) - Math.max(t, series.dayStart);
    if (seconds <= 0) continue;
    for (const s of stations) {
      const cell = at.get(String(s.station_id));
      const bikes = Number(s.num_bikes_available);
      const docks = Number(s.num_docks_available ?? 0);
      if (!cell || !truthy(s.is_installed) || bikes + docks === 0) continue;
      bikeS.set(cell, (bikeS.get(cell) ?? 0) + bikes * seconds);
      dockS.set(cell, (dockS.get(cell) ?? 0) + docks * seconds);
    }
  }
  const values = new Map([...bikeS].map(([cell, b]) => [cell, b + dockS.get(cell)! > 0 ? b / (b + dockS.get(cell)!) : 0]));
  const top = Math.max(...values.values());
  return new Map([...values].map(([cell, v]) => [cell, top > 0 ? v / top : 0]));
}

describe.skipIf(!samples)('recorded series replayed through ingestion', () => {
  describe.each(DATABASE_KINDS)('%s', (kind) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(async () => database?.close());

    it.each(SERIES)('$folder: stores every station, writes nothing on a second replay, and matches an independent computation', async (series) => {
      const settings: IngestSettings = { FETCH_TIMEOUT_MS: 5_000, FETCH_MAX_BYTES: 10_000_000, FETCH_RETRIES: 0, MAX_GAP_SECONDS: series.maxGap };
      const dir = path.join(samples!, series.folder);
      const snapshots = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, 'station_status.json'))).length;
      const replayOnce = async () => {
        const replay = await startReplay({ dir, timezone: series.timezone });
        try {
          const runs = [];
          for (let i = 0; i < snapshots; i++) runs.push(await pollSystem(database.db, { id: series.folder, gbfsUrl: replay.gbfsUrl }, 'test', settings));
          return runs;
        } finally {
          await replay.close();
        }
      };
      const first = await replayOnce();
      expect(first.filter((r) => r.status === 'failed')).toEqual([]);
      expect(first.filter((r) => r.status === 'ok')).toHaveLength(snapshots);
      const stored = await storedCounts(database.db, series.folder);
      expect(stored.stations).toBe(series.stations);

      const second = await replayOnce();
      expect(second.every((r) => r.status === 'unchanged' || r.status === 'stale')).toBe(true);
      expect(withoutRuns(await storedCounts(database.db, series.folder))).toEqual(withoutRuns(stored));

      const rows = await windowFigures(database.db, series.folder, series.dayStart, series.dayStart + 86_400);
      const actual = computeHotspots(rows, { metric: 'occupancy', resolution: 10, windowSeconds: 86_400 });
      const expected = independentWeights(series);
      expect(actual.hexagons.length).toBe(expected.size);
      expect(actual.hexagons.length).toBeGreaterThan(100);
      for (const hexagon of actual.hexagons) expect(hexagon.weight).toBeCloseTo(expected.get(hexagon.h3)!, 9);
    });
  });
});

if (!samples) it.skip('GBFS_SAMPLES_DIR not set: recorded-feed replay not run', () => {});
