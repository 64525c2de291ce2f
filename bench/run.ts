/**
 * `npm run bench`: prints the figures behind the README's performance section and writes
 * bench/results.json. Timings are medians of repeated runs in one process; the machines are
 * shared and noisy, so compare figures of the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type DatabaseKind } from '@/db/client';
import { storeSnapshot } from '@/db/storeSnapshot';
import { windowFigures } from '@/db/readHotspots';
import { computeHotspots } from '@/lib/hotspots/aggregate';
import { localDayWindow } from '@/lib/hotspots/localTime';
import { fetchSnapshot } from '@/lib/gbfs/fetchSnapshot';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { startSimulator } from '@/lib/simulator';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    polls: { type: 'string', default: '30' },
    days: { type: 'string', default: '1,30' },
  },
});

process.env.LOG_LEVEL = 'silent';
const STATIONS = 1500;
const START = Date.UTC(2025, 5, 1, 22) / 1000; // local midnight in Paris, 2 June 2025

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

async function withDatabase<T>(kind: DatabaseKind, run: (database: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-bench-'));
    const database = await openDatabase({ dataDir: dir });
    try {
      return await run(database);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const adminUrl = values['database-url']!;
  const name = `gbfs_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  try {
    return await run(database);
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Fetched once, so that the ingest figure is the database's time alone. */
async function velibSnapshots(count: number): Promise<Snapshot[]> {
  const sim = await startSimulator({ variant: 'velib', stations: STATIONS, seed: 1, startTime: START, stepSeconds: 60 });
  try {
    const policy = { timeoutMs: 10_000, maxBytes: 50_000_000, retries: 0 };
    const snapshots: Snapshot[] = [];
    for (let i = 0; i < count; i++) snapshots.push(await fetchSnapshot('bench', sim.gbfsUrl, policy));
    return snapshots;
  } finally {
    await sim.close();
  }
}

async function benchIngest(database: Database, snapshots: Snapshot[]) {
  const times: number[] = [];
  let statusRows = 0;
  for (const snapshot of snapshots) {
    const [ms, result] = await timed(() =>
      storeSnapshot(database.db, { systemId: 'bench', gbfsUrl: 'http://bench', snapshot, maxGapSeconds: 900, run: { systemId: 'bench', trigger: 'cli', startedAt: Date.now() } }),
    );
    times.push(ms);
    statusRows += result.statusRows;
  }
  const steady = times.slice(1); // the first poll inserts every station description
  return { firstPollMs: times[0], medianPollMs: median(steady), p90PollMs: p90(steady), statusRowsPerPoll: statusRows / snapshots.length };
}

/** Rollups of `days` days for every stored station, written directly (as 1,440 polls a day would). */
async function fillRollups(database: Database, days: number) {
  await database.db.execute(sql`delete from station_hourly where system_id = 'bench'`);
  await database.db.execute(sql`
    insert into station_hourly (system_id, hour_start, station_id, h3, observed_s, bike_s, typed_s, ebike_s, mechanical_s, dock_s, full_s, empty_s)
    select 'bench', to_timestamp(${START} + h * 3600), s.station_id, s.h3, 3600,
      3600 * ((abs(hashtext(s.station_id || h)) % 20)), 3600, 3600 * (abs(hashtext(s.station_id)) % 7), 3600 * 3, 3600 * 10,
      (abs(hashtext(s.station_id || h)) % 4) * 600, (abs(hashtext(h || s.station_id)) % 4) * 600
    from stations s cross join generate_series(0, ${days * 24 - 1}) as h
    where s.system_id = 'bench'`);
}

async function benchHotspots(database: Database, days: number) {
  await fillRollups(database, days);
  const window = localDayWindow('2025-06-02', 0, 24, 'Europe/Paris');
  const times: number[] = [];
  let hexagons = 0;
  for (let i = 0; i < 15; i++) {
    const [ms, result] = await timed(async () => {
      const rows = await windowFigures(database.db, 'bench', window.start, window.end);
      return computeHotspots(rows, { metric: 'occupancy', resolution: 10, windowSeconds: window.end - window.start });
    });
    times.push(ms);
    hexagons = result.hexagons.length;
  }
  return { days, rollupRows: days * 24 * STATIONS, medianMs: median(times.slice(2)), hexagons };
}

const snapshots = await velibSnapshots(Number(values.polls));
const dayCounts = values.days!.split(',').map(Number);
const results: Record<string, unknown> = { machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, date: new Date().toISOString() };
for (const kind of ['pglite', 'postgres'] as const) {
  const [openMs, figures] = await timed(() =>
    withDatabase(kind, async (database) => {
      const ingest = await benchIngest(database, snapshots);
      const hotspots = [];
      for (const days of dayCounts) hotspots.push(await benchHotspots(database, days));
      return { ingest, hotspots };
    }),
  );
  results[kind] = { ...figures, totalMs: Math.round(openMs) };
  console.log(`\n${kind}`);
  console.log(`  ingest of one ${STATIONS}-station poll (DB time): first ${figures.ingest.firstPollMs.toFixed(0)} ms, then median ${figures.ingest.medianPollMs.toFixed(1)} ms, p90 ${figures.ingest.p90PollMs.toFixed(1)} ms (${figures.ingest.statusRowsPerPoll.toFixed(0)} status rows/poll)`);
  for (const h of figures.hotspots) {
    console.log(`  hotspots for one day with ${h.days} day(s) of rollups (${h.rollupRows} rows): median ${h.medianMs.toFixed(1)} ms, ${h.hexagons} hexagons`);
  }
}
fs.writeFileSync(path.join('bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nwritten to bench/results.json');
