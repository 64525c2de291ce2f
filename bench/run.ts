/**
 * `npm run bench`: the figures behind the README's performance section, printed as Markdown and
 * written to bench/results.json. Every ratio compares figures of the same run: the machines are
 * shared and noisy. `npm run bench -- --help` lists the settings; the full run takes ~10 minutes.
 *
 * 1. Naive = rollups: real polls stored by the app, then both ways of computing a day compared.
 * 2. Per engine, a Vélib-size history grown to each stage (1, 30, 365 days): one day's hotspots
 *    from the rollups and the naive way, the DB time of a poll, the hourly retention run; period
 *    answers (1, 28, 365 days, a typical week) from the daily tier and summed from the hourly rollups.
 * 3. Postgres: bulk ingest of a world of many systems through storePoll.
 * 4. The built app on a backfilled demo database: autocannon on /api/hotspots (`bench:load`
 *    alone), then the home page's JavaScript and time to first hexagons in Chromium
 *    (`bench:frontend` alone).
 * `--only periods` measures step 2's period answers alone (bench/periodsOnly.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import type { DatabaseKind } from '@/db/client';
import { withThrowawayDatabase } from './databases';
import { startDemoServer } from './demoServer';
import { runFrontendBench } from './frontend';
import { runLoadBench } from './load';
import { runHistoryStages } from './historyStages';
import { runIngestWorld } from './ingestWorld';
import { checkNaiveAgainstRollups, naiveCheckPolls } from './naiveCheck';
import { readBenchOptions } from './options';
import { mergePeriodStages, runPeriodStages, stagesToReplace, type PeriodStageFigures } from './periodsOnly';
import { formatResults, type BenchResults } from './report';
import { velibSnapshots } from './velibSnapshots';

process.env.LOG_LEVEL = 'silent';
const VELIB_STATIONS = 1500;
/** Period answers per question: daily tiers (after one not counted) and, fewer, summed from hourly (a year of them takes seconds). */
const PERIOD_RUNS = { daily: 6, hourly: 2 };
/** 2 June 2025, 00:00 in Paris: the simulator's clock for the fetched polls. */
const SIMULATOR_START = Date.UTC(2025, 5, 1, 22) / 1000;

const options = readBenchOptions();
const started = performance.now();
const log = (line: string) => console.log(line);
const load = () => os.loadavg()[0].toFixed(1);
log(`machine: ${os.cpus().length} cores, load ${load()}; fetching simulated polls`);

const results: BenchResults = {
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  date: new Date().toISOString().slice(0, 10),
  settings: {
    rawRetentionDays: options.rawRetentionDays,
    pollsPerStage: options.pollsPerStage,
    stationsPerSystem: VELIB_STATIONS,
  },
  naiveCheck: {},
  history: {},
  world: null,
  server: null,
  frontend: null,
  totalSeconds: 0,
};

const velibPolls = await velibSnapshots({ stations: VELIB_STATIONS, start: SIMULATOR_START, count: options.pollsPerStage + 1 });
if (options.periodsOnly) await runPeriodsOnly();
else await runFull();

/** bench/periodsOnly.ts: the period answers into the stages of the results file, the rest of it kept. */
async function runPeriodsOnly(): Promise<never> {
  const readResults = () => JSON.parse(fs.readFileSync(options.output, 'utf8')) as BenchResults;
  // Checked first, so that a missing stage fails before the half hour of measuring.
  for (const kind of options.engines) stagesToReplace(readResults(), kind, options.stageDays);
  const measured = new Map<DatabaseKind, PeriodStageFigures[]>();
  for (const kind of options.engines) {
    log(`${kind} (load ${load()}), period answers only:`);
    const stages = await withThrowawayDatabase({ kind, adminUrl: options.adminUrl }, (database) =>
      runPeriodStages(database, velibPolls, { stageDays: options.stageDays, periodRuns: PERIOD_RUNS, log }),
    );
    measured.set(kind, stages);
  }
  // Read again now: the file may have gained other figures while this ran.
  const previous = readResults();
  for (const [kind, stages] of measured) mergePeriodStages(previous, kind, stages, new Date().toISOString().slice(0, 10));
  fs.writeFileSync(options.output, JSON.stringify(previous, null, 2) + '\n');
  log(`\n${formatResults(previous)}\n\nperiods written into ${options.output} (${Math.round((performance.now() - started) / 1000)} s)`);
  // The world and the server are not this run's, nor is the full results file written below.
  process.exit(0);
}

async function runFull(): Promise<void> {
  const checkPolls = await naiveCheckPolls(options.checkStations);
  for (const kind of options.engines) {
    log(`${kind} (load ${load()}):`);
    await withThrowawayDatabase({ kind, adminUrl: options.adminUrl }, async (database) => {
      const check = await checkNaiveAgainstRollups(database.db, checkPolls);
      log(`  naive = rollups on ${check.stationCells} station-cell figures`);
      results.naiveCheck[kind] = check;
      results.history[kind] = await runHistoryStages(database, velibPolls, {
        stageDays: options.stageDays,
        rawRetentionDays: options.rawRetentionDays,
        changedShare: options.changedShare,
        pollsPerStage: options.pollsPerStage,
        naiveRuns: 3,
        periodRuns: PERIOD_RUNS,
        log,
      });
    });
  }
}

if (options.engines.includes('postgres') && options.worldSystems > 0) {
  log(`world of ${options.worldSystems} systems × ${options.worldStations} stations (load ${load()})`);
  const worldPolls = await velibSnapshots({ stations: options.worldStations, start: SIMULATOR_START, count: Math.min(options.worldRounds, 6) });
  results.world = await withThrowawayDatabase(
    { kind: 'postgres', adminUrl: options.adminUrl, maxConnections: options.worldConcurrency },
    (database, name) =>
      runIngestWorld(database, name, worldPolls, { systems: options.worldSystems, rounds: options.worldRounds, concurrency: options.worldConcurrency }),
  );
}

if (options.server) {
  log(`running server and page (load ${load()}): build if needed, backfill 36 h of polls`);
  const demo = await startDemoServer({ port: 3917, hours: 36 });
  try {
    results.server = await runLoadBench(demo);
    results.frontend = await runFrontendBench(demo);
  } finally {
    await demo.close();
  }
}

results.totalSeconds = Math.round((performance.now() - started) / 1000);
fs.writeFileSync(options.output, JSON.stringify(results, null, 2) + '\n');
log(`\n${formatResults(results)}\n\nwritten to ${options.output}`);
