/**
 * Ingestion through the real HTTP path: the project's simulator serves Velib-shaped feeds and
 * pollSystem stores them, on PGlite and on a real Postgres server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pollSystem, type IngestSettings } from '@/lib/ingest/pollSystem';
import { startReplay, startSimulator, type RunningSimulator } from '@/simulator';
import { queryRows } from '@/db/rows';
import { rebuildRollups } from '@/lib/hotspots/rebuild';
import { breakingOn } from './support/faultsDb';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';
import { hourlyTable, storedCounts, withoutRuns } from './support/tableCounts';

process.env.LOG_LEVEL = 'silent';

const settings: IngestSettings = { FETCH_TIMEOUT_MS: 2_000, FETCH_MAX_BYTES: 5_000_000, FETCH_RETRIES: 0, MAX_GAP_SECONDS: 900 };
const START = Date.UTC(2025, 5, 3, 6, 0, 0) / 1000; // 08:00 in Paris
const STATIONS = 60;

/** The simulator's options in these tests: a twin started with them serves the same documents. */
const SIMULATED = { variant: 'velib', stations: STATIONS, seed: 7, startTime: START, stepSeconds: 60 } as const;

/** Each station of the first station_status a fresh simulator serves, read as plain JSON (ids kept as text). */
async function firstStatuses(): Promise<Array<{ stationId: string; installed: boolean; bikes: number; docks: number }>> {
  const twin = await startSimulator(SIMULATED);
  try {
    const text = await (await fetch(`${twin.url}/station_status.json`)).text();
    const document = JSON.parse(text.replace(/"station_id":(\d+)/g, '"station_id":"$1"')) as {
      data: { stations: Array<{ station_id: string; is_installed: number | boolean; num_bikes_available: number; num_docks_available: number }> };
    };
    return document.data.stations.map((s) => ({ stationId: s.station_id, installed: s.is_installed === 1 || s.is_installed === true, bikes: s.num_bikes_available, docks: s.num_docks_available }));
  } finally {
    await twin.close();
  }
}

describe.each(DATABASE_KINDS)('ingestion into %s', (kind) => {
  let database: TestDatabase;
  let sim: RunningSimulator;
  const system = () => ({ id: 'sim', gbfsUrl: sim.gbfsUrl });
  const poll = () => pollSystem(database.db, system(), 'test', settings);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    sim = await startSimulator(SIMULATED);
  });
  afterAll(async () => {
    await sim?.close();
    await database?.close();
  });

  it('stores the first poll: every station, its description and its status', async () => {
    const run = await poll();
    expect(run).toMatchObject({ status: 'ok', feedTime: new Date(START * 1000).toISOString(), rollupRows: 0 });
    const counts = await storedCounts(database.db, 'sim');
    expect(counts).toMatchObject({ polls: 1, stations: run.stationsSeen, versions: run.stationsSeen, states: run.stationsSeen });
    expect(counts.statuses).toBe(run.stationsSeen);
    expect(run.rowsWritten).toBe(counts.statuses + counts.versions);
    const [systemRow] = await queryRows<{ timezone: string }>(database.db, sql`select timezone from systems where id = 'sim'`);
    expect(systemRow.timezone).toBe('Europe/Paris');
  });

  it('credits the minute between two polls to the hourly rollups: what each station of the first poll showed, for 60 s', async () => {
    const before = await storedCounts(database.db, 'sim');
    const run = await poll();
    expect(run.status).toBe('ok');
    const after = await storedCounts(database.db, 'sim');
    // The first poll's station_status as the feed served it, read here from a twin simulator (same
    // seed, same start: the same document), not from anything the poll stored.
    const expected = (await firstStatuses())
      .filter((s) => s.installed && s.bikes + s.docks > 0)
      .map((s) => ({ stationId: s.stationId, observedS: 60, bikeS: 60 * s.bikes, dockS: 60 * s.docks, fullS: s.docks === 0 ? 60 : 0, emptyS: s.bikes === 0 ? 60 : 0 }))
      .sort((a, b) => (a.stationId < b.stationId ? -1 : 1));
    // Stations not installed or reporting neither bike nor dock earn nothing: fewer rows than stations.
    expect(expected.length).toBeGreaterThan(STATIONS / 2);
    expect(expected.length).toBeLessThan(STATIONS);
    const rows = await queryRows<(typeof expected)[number] & { hourStart: number }>(
      database.db,
      sql`select station_id as "stationId", extract(epoch from hour_start)::int as "hourStart", observed_s::float8 as "observedS", bike_s::float8 as "bikeS",
            dock_s::float8 as "dockS", full_s::float8 as "fullS", empty_s::float8 as "emptyS"
          from station_hourly where system_id = 'sim' order by station_id`,
    );
    // One row per observed station, all in the hour 08:00 local, 06:00 UTC.
    expect(rows).toEqual(expected.map((row) => ({ ...row, hourStart: START })));
    expect(run.rollupRows).toBe(expected.length);
    expect(after.observedS).toBe(60 * expected.length);
    // Only stations whose status changed get a new raw row.
    expect(after.statuses - before.statuses).toBe(run.rowsWritten);
    expect(after.statuses - before.statuses).toBeLessThan(STATIONS);
  });

  it('logs a stale feed and writes nothing', async () => {
    const before = await storedCounts(database.db, 'sim');
    sim.setFault({ feed: 'station_status', kind: 'stale', times: 1 });
    const run = await poll();
    expect(run).toMatchObject({ status: 'stale', rowsWritten: 0, rollupRows: 0 });
    const after = await storedCounts(database.db, 'sim');
    expect(withoutRuns(after)).toEqual(withoutRuns(before));
    expect(after.runs).toBe(before.runs + 1);
  });

  it('counts skipped records by reason and keeps the rest of the poll', async () => {
    sim.setFault({ feed: 'station_information', kind: 'bad_coordinates', times: 1 });
    const run = await poll();
    expect(run.status).toBe('ok');
    expect(run.skipped.bad_coordinates).toBeGreaterThan(0);
    // Statuses of the stations left out of station_information are counted too.
    expect(run.skipped.unknown_station).toBe(run.skipped.bad_coordinates);
    const [logged] = await queryRows<{ skipped: Record<string, number> }>(
      database.db,
      sql`select skipped from ingest_runs where system_id = 'sim' and id = ${run.runId}`,
    );
    expect(logged.skipped).toEqual(run.skipped);
  });

  it('treats a poll listing no station as valid; the stations are unobserved until they come back', async () => {
    sim.setFault({ feed: 'station_status', kind: 'empty_stations', times: 1 });
    const empty = await poll();
    expect(empty).toMatchObject({ status: 'ok', stationsSeen: 0 });
    const [absent] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from station_state where system_id = 'sim' and not present`);
    expect(absent.n).toBe(STATIONS);
    const afterEmpty = await storedCounts(database.db, 'sim');
    const back = await poll();
    expect(back.status).toBe('ok');
    expect(back.stationsSeen).toBe(STATIONS);
    // Nobody was observed between the empty poll and this one: no rollup grew.
    expect(back.rollupRows).toBe(0);
    expect((await storedCounts(database.db, 'sim')).observedS).toBe(afterEmpty.observedS);
    const [present] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from station_state where system_id = 'sim' and present`);
    expect(present.n).toBe(STATIONS);
  });

  it('stores nothing of a poll that fails half-way, logs it failed, and the next poll succeeds', async () => {
    const before = await storedCounts(database.db, 'sim');
    sim.setFault({ feed: 'station_status', kind: 'truncated', times: 1 });
    const failed = await poll();
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/station_status/);
    expect(withoutRuns(await storedCounts(database.db, 'sim'))).toEqual(withoutRuns(before));
    const [logged] = await queryRows<{ status: string; error: string }>(
      database.db,
      sql`select status, error from ingest_runs where system_id = 'sim' and id = ${failed.runId}`,
    );
    expect(logged.status).toBe('failed');
    expect((await poll()).status).toBe('ok');
  });

  it('rolls back every write when the database fails in the middle of a poll', async () => {
    const before = await storedCounts(database.db, 'sim');
    const breaking = breakingOn(database.db, /insert into station_status/);
    const failed = await pollSystem(breaking.db, system(), 'test', settings);
    expect(breaking.fired()).toBe(true);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/Connection terminated unexpectedly \(injected\)/);
    expect(withoutRuns(await storedCounts(database.db, 'sim'))).toEqual(withoutRuns(before));
    expect((await poll()).status).toBe('ok');
  });

  it('rebuilds rollups from the stored history with identical numbers', async () => {
    for (let i = 0; i < 5; i++) expect((await poll()).status).toBe('ok');
    const incremental = await hourlyTable(database.db, 'sim');
    expect(incremental.length).toBeGreaterThan(0);
    await rebuildRollups(database.db, 'sim', settings.MAX_GAP_SECONDS);
    expect(await hourlyTable(database.db, 'sim')).toEqual(incremental);
  });

  it('writes nothing when the same feed is served twice (replayed through real HTTP)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-replay-'));
    const snapshot = path.join(dir, '0001');
    fs.mkdirSync(snapshot);
    for (const feed of ['system_information', 'station_information', 'station_status']) {
      fs.writeFileSync(path.join(snapshot, `${feed}.json`), await (await fetch(`${sim.url}/${feed}.json`)).text());
    }
    const replay = await startReplay({ dir });
    try {
      const target = { id: 'replayed', gbfsUrl: replay.gbfsUrl };
      expect((await pollSystem(database.db, target, 'test', settings)).status).toBe('ok');
      const once = await storedCounts(database.db, 'replayed');
      const again = await pollSystem(database.db, target, 'test', settings);
      expect(again).toMatchObject({ status: 'unchanged', rowsWritten: 0, rollupRows: 0 });
      expect(withoutRuns(await storedCounts(database.db, 'replayed'))).toEqual(withoutRuns(once));
    } finally {
      await replay.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
