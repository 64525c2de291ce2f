/**
 * `npm run bench:import [-- --engines pglite,postgres --weeks 4 --stations 1500 --baseline 96]`:
 * the bulk path (lib/import) against storePoll one snapshot at a time, in the same run, on the
 * Oslo weeks ($GBFS_SAMPLES_DIR/oslo-bysykkel-weeks, read from the files) and on weeks of the
 * simulated Vélib' (rendered and parsed in a worker), on PGlite and on a Postgres server.
 *
 * Figures: statuses landed a second (every station status of every snapshot, read, diffed,
 * credited and stored, the daily tiers derived: the whole import but the forecast's fit),
 * station_status rows written a second, and the time of the same first `--baseline` snapshots
 * through storePoll (snapshots built beforehand, so the baseline is database and diff time
 * only) against the bulk path on those same snapshots. Targets: ≥ 100,000 statuses/s on
 * Postgres, ≥ 30,000 on PGlite, ≥ 20× storePoll.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Database, DatabaseKind } from '@/db/client';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { archiveSeries, scanArchive } from '@/lib/import/archive';
import { landSnapshots, type SnapshotSeries } from '@/lib/import/land';
import { storePoll } from '@/lib/ingest/storePoll';
import { simulatedSeries } from '@/simulator/series';
import { withThrowawayDatabase } from './databases';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'pglite,postgres' },
    weeks: { type: 'string', default: '4' },
    stations: { type: 'string', default: '1500' },
    step: { type: 'string', default: '900' },
    baseline: { type: 'string', default: '96' },
    'database-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('npm run bench:import [-- --engines pglite,postgres --weeks 4 --stations 1500 --step 900 --baseline 96 --database-url URL]');
  process.exit(0);
}
const adminUrl = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const engines = values.engines.split(',') as DatabaseKind[];
const baselineCount = Number(values.baseline);
const samples = process.env.GBFS_SAMPLES_DIR ?? path.join('..', 'shared', 'gbfs');
const osloDir = path.join(samples, 'oslo-bysykkel-weeks');

interface Source {
  name: string;
  maxGapSeconds: number;
  /** A fresh series each time it is landed (files read again, or the city rendered again). */
  series(): Promise<SnapshotSeries>;
}

const sources: Source[] = [];
if (fs.existsSync(osloDir)) {
  const index = await scanArchive([osloDir]);
  sources.push({ name: 'Oslo weeks (260 stations, files)', maxGapSeconds: 3600, series: () => archiveSeries(index, { systemId: 'oslo', timezone: 'Europe/Oslo' }) });
} else {
  console.log(`${osloDir} not found (GBFS_SAMPLES_DIR): the Oslo weeks are left out`);
}
const step = Number(values.step);
const count = Math.round((Number(values.weeks) * 7 * 86_400) / step);
const start = Math.floor(Date.UTC(2026, 9, 5) / 1000 / step) * step;
sources.push({
  name: `simulated Vélib' (${values.stations} stations, ${values.weeks} weeks every ${step / 60} min)`,
  maxGapSeconds: Math.max(900, step),
  series: async () => simulatedSeries({ stations: Number(values.stations), start, stepSeconds: step, count }),
});

/** The first `n` snapshots of a series, built up front. */
async function firstSnapshots(series: SnapshotSeries, n: number): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  for await (const snapshot of series.snapshots(null)) {
    snapshots.push(snapshot);
    if (snapshots.length === n) break;
  }
  return snapshots;
}

const fromArray = (snapshots: Snapshot[]): SnapshotSeries => ({
  feedTimes: snapshots.map((s) => s.feedTime),
  async *snapshots() {
    yield* snapshots;
  },
});

interface Figures {
  engine: DatabaseKind;
  source: string;
  snapshots: number;
  statuses: number;
  statusRows: number;
  seconds: number;
  baselineSnapshots: number;
  storePollSeconds: number;
  bulkSameSeconds: number;
}

async function measure(database: Database, engine: DatabaseKind, source: Source): Promise<Figures> {
  const first = await firstSnapshots(await source.series(), baselineCount);
  let started = performance.now();
  for (const snapshot of first) {
    await storePoll(database.db, { systemId: 'polled', gbfsUrl: 'bench:', snapshot, maxGapSeconds: source.maxGapSeconds, run: { systemId: 'polled', trigger: 'test', startedAt: Date.now() } });
  }
  const storePollSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await landSnapshots(database.db, { systemId: 'same', gbfsUrl: 'bench:', maxGapSeconds: source.maxGapSeconds, series: fromArray(first) });
  const bulkSameSeconds = (performance.now() - started) / 1000;

  const series = await source.series();
  started = performance.now();
  const landed = await landSnapshots(database.db, { systemId: 'bulk', gbfsUrl: 'bench:', maxGapSeconds: source.maxGapSeconds, series });
  const seconds = (performance.now() - started) / 1000;
  return { engine, source: source.name, snapshots: landed.snapshots, statuses: landed.statuses, statusRows: landed.statusRows, seconds, baselineSnapshots: first.length, storePollSeconds, bulkSameSeconds };
}

const loadAtStart = os.loadavg()[0];
const results: Figures[] = [];
for (const engine of engines) {
  for (const source of sources) {
    console.log(`${engine}: ${source.name}…`);
    const figures = await withThrowawayDatabase({ kind: engine, adminUrl }, (database) => measure(database, engine, source));
    results.push(figures);
    console.log(JSON.stringify(figures));
  }
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const target = (engine: DatabaseKind) => (engine === 'postgres' ? 100_000 : 30_000);
console.log(`\nbench:import on ${os.cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end`);
console.log('| engine | archive | snapshots | statuses | time | statuses/s (target) | station_status rows/s | storePoll, first snapshots | bulk, same snapshots | faster (target ≥ 20×) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  const rate = r.statuses / r.seconds;
  const speedup = r.storePollSeconds / r.bulkSameSeconds;
  console.log(
    `| ${r.engine} | ${r.source} | ${n(r.snapshots)} | ${n(r.statuses)} | ${r.seconds.toFixed(1)} s | ${n(rate)} (${n(target(r.engine))}: ${rate >= target(r.engine) ? 'met' : 'not met'}) | ${n(r.statusRows / r.seconds)} | ${r.baselineSnapshots}: ${r.storePollSeconds.toFixed(1)} s | ${r.bulkSameSeconds.toFixed(2)} s | ${speedup.toFixed(1)}× (${speedup >= 20 ? 'met' : 'not met'}) |`,
  );
}
