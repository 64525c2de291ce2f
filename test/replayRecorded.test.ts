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
import { startReplay } from '@/simulator';
import { computeHotspots } from '@/lib/hotspots/aggregate';
import { windowFigures } from '@/lib/hotspots/sql';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as hotspotsRoute } from '@/app/api/hotspots/route';
import { hotspotsResponseSchema, type HotspotsResponse } from '@/lib/hotspots/schemas';
import type { RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, openTestDatabase, pointAppAtTestDatabase, type AppTestDatabase, type TestDatabase } from './support/databases';
import { storedCounts, withoutRuns } from './support/tableCounts';

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

/**
 * The expected occupancy per res-10 cell over the windows, computed straight from the recorded
 * files: each poll's counts held until the next poll, unless they are more than maxGap apart.
 */
function independentOccupancy(folder: string, maxGap: number, windows: Array<[number, number]>): Map<string, number> {
  const dir = path.join(samples!, folder);
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
  for (let k = 0; k + 1 < polls.length; k++) {
    const { t, stations, cells: at } = polls[k];
    const next = polls[k + 1].t;
    if (next - t > maxGap) continue;
    for (const [windowStart, windowEnd] of windows) {
      const seconds = Math.min(next, windowEnd) - Math.max(t, windowStart);
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
  }
  return new Map([...bikeS].map(([cell, b]) => [cell, b + dockS.get(cell)! > 0 ? b / (b + dockS.get(cell)!) : 0]));
}

/** The expected occupancy weights of one day. */
function independentWeights(series: Series): Map<string, number> {
  const values = independentOccupancy(series.folder, series.maxGap, [[series.dayStart, series.dayStart + 86_400]]);
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

/** Three days of the four recorded Oslo weeks (24-26 October 2022, UTC+2), polls 20 to 70 minutes apart. */
const OSLO_WEEKS = { folder: 'oslo-bysykkel-weeks', timezone: 'Europe/Oslo', maxGap: 5400, start: '2022-10-24', end: '2022-10-26', lastPoll: Date.UTC(2022, 9, 26, 22) / 1000 };

describe.skipIf(!samples)('a recorded series over several days, through the cron route', () => {
  describe.each(DATABASE_KINDS)('%s', (kind) => {
    let appDb: AppTestDatabase;
    let replay: RunningSimulator;
    const SECRET = 'replay-periods-secret-0123456789';

    beforeAll(async () => {
      const dir = path.join(samples!, OSLO_WEEKS.folder);
      replay = await startReplay({ dir, timezone: OSLO_WEEKS.timezone });
      process.env.GBFS_SYSTEMS = `oslo=${replay.gbfsUrl}`;
      process.env.CRON_SECRET = SECRET;
      process.env.MAX_GAP_SECONDS = String(OSLO_WEEKS.maxGap);
      process.env.FETCH_RETRIES = '0';
      appDb = await pointAppAtTestDatabase(kind, 'replay_periods');
      // Poll through the cron route until the replay has served the first poll past the period.
      for (let polls = 0; ; polls++) {
        const response = await cronRoute(new Request('http://localhost/api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } }));
        expect(response.status).toBe(200);
        if (replay.now() > OSLO_WEEKS.lastPoll || polls > 400) break;
      }
    }, 240_000);
    afterAll(async () => {
      await appDb?.release();
      await replay?.close();
      delete process.env.MAX_GAP_SECONDS;
      delete process.env.GBFS_SYSTEMS;
    });

    const hotspots = async (query: string) => {
      const response = await hotspotsRoute(new Request(`http://localhost/api/hotspots?system=oslo&${query}`));
      expect(response.status).toBe(200);
      return hotspotsResponseSchema.parse(await response.json());
    };
    const expectSame = (answer: HotspotsResponse, expected: Map<string, number>) => {
      expect(answer.hexagons.length).toBe(expected.size);
      expect(answer.hexagons.length).toBeGreaterThan(100);
      for (const hexagon of answer.hexagons) expect(hexagon.value, hexagon.h3).toBeCloseTo(expected.get(hexagon.h3)!, 9);
    };

    it('gives the three days summed, as computed from the files', async () => {
      const answer = await hotspots(`start=${OSLO_WEEKS.start}&end=${OSLO_WEEKS.end}`);
      expect(answer.period).toMatchObject({ days: 3, daysWithData: 3 });
      expectSame(answer, independentOccupancy(OSLO_WEEKS.folder, OSLO_WEEKS.maxGap, [[Date.UTC(2022, 9, 23, 22) / 1000, OSLO_WEEKS.lastPoll]]));
    });

    it('gives Monday and Wednesday mornings, as computed from the files', async () => {
      const answer = await hotspots(`start=${OSLO_WEEKS.start}&end=${OSLO_WEEKS.end}&weekdays=1,3&from=7&to=10`);
      expect(answer.period).toMatchObject({ days: 2, daysWithData: 2, weekdays: [1, 3] });
      const mornings: Array<[number, number]> = [24, 26].map((day) => [Date.UTC(2022, 9, day, 5) / 1000, Date.UTC(2022, 9, day, 8) / 1000]);
      expectSame(answer, independentOccupancy(OSLO_WEEKS.folder, OSLO_WEEKS.maxGap, mornings));
    });
  });
});

if (!samples) it.skip('GBFS_SAMPLES_DIR not set: recorded-feed replay not run', () => {});
