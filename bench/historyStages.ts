/**
 * One Vélib-size system (1,500 stations, a poll a minute) whose history grows in stages
 * (1 day, 30 days, 365 days). At each stage: the DB time of a poll through storePoll, and one
 * day's hotspots from the rollups and the naive way. Raw statuses are kept RAW_RETENTION_DAYS as
 * the app does; a stage past that holds the retained raw days plus rollups for every day, and
 * the hourly retention DELETE that keeps it so is timed.
 *
 * The daily tier is derived from the written hourly rollups by the rebuild's own code; at each
 * stage the period answers are measured from it and from the hourly rollups (periodStages.ts),
 * and what each tier costs a poll (tierWriteCost.ts).
 *
 * The day asked for (the newest) is written at the simulator's change rate, measured on its real
 * polls: the naive way reads that day's raw rows, so they should be as many as the app would
 * store. Older days use a lower rate (`changedShare`): they only deepen the tables and indexes,
 * and writing 90 days at the full rate would not fit the benchmark's time budget.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { windowFigures } from '@/lib/hotspots/sql';
import { pruneHistory } from '@/lib/ingest/retention';
import { storePoll } from '@/lib/ingest/storePoll';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { computeHotspots } from '@/lib/hotspots/aggregate';
import { localDayWindow } from '@/lib/calendar';
import type { WindowFigures } from '@/lib/hotspots/types';
import { withIndexesBuiltAfter } from './bulkLoad';
import { deriveDailyTiers, type DailyTierFigures } from './dailyTiers';
import { writeRawHistory, writeRollupHistory } from './history';
import { naiveWindowFigures } from './naiveWindowFigures';
import { measurePeriods, type PeriodRuns, type QuestionFigures } from './periodStages';
import { tierWriteCost, type TierWriteCost } from './tierWriteCost';
import { median, ms, p90, timed } from './timing';
import { shiftSnapshot } from './velibSnapshots';
import { BENCH_SYSTEM, DAY, FIRST_LIVE_POLL, HISTORY_END, HOUR, MAX_GAP, MEASURED_DAY, TIME_ZONE, seedSystem, storeArgs } from './timeline';

export interface HistoryOptions {
  stageDays: number[];
  rawRetentionDays: number;
  /** Share of stations with a stored status change per minute, on the days before the measured one. */
  changedShare: number;
  pollsPerStage: number;
  /** Naive runs per stage; each is followed by ROLLUP_RUNS_PER_NAIVE rollup runs, so both see the same load. */
  naiveRuns: number;
  /** Period answers, daily tier against hourly rollups; left out when not given. */
  periodRuns?: PeriodRuns;
  log: (line: string) => void;
}

const ROLLUP_RUNS_PER_NAIVE = 3;
/**
 * Polls stored before timing a stage: writing history evicts what a running app keeps cached
 * (its systems' newest index and table pages), and the figure is meant for a running app.
 */
const WARM_UP_POLLS = 5;

export interface HotspotTiming {
  /** The database query that yields per-(station, cell) figures for the day. */
  queryMs: number;
  /** Query + hexagon computation: what /api/hotspots spends before serialising. */
  totalMs: number;
  hexagons: number;
}

export interface StageFigures extends DailyTierFigures {
  days: number;
  rawDays: number;
  statusRows: number;
  rollupRows: number;
  generateMs: number;
  /** One-minute load average when the stage was measured: this machine is shared. */
  load: number;
  poll: { medianMs: number; p90Ms: number; statusRowsPerPoll: number };
  rollup: HotspotTiming;
  naive: HotspotTiming;
  /** naive / rollup, query + computation. */
  speedup: number;
  /** The hourly retention run, at stages longer than the retention. */
  prune: { ms: number; statusesDeleted: number; pollsDeleted: number } | null;
  periods: QuestionFigures[] | null;
  /** A poll's writes to each tier (part of the poll's DB time above). */
  tierWrites: TierWriteCost | null;
  /** Set when the periods, tier writes and daily tier figures come from a later `--only periods` run (bench/periodsOnly.ts). */
  periodsRun?: { date: string; load: number };
}

/** Stores `polls` a minute apart from `firstFeedTime`; times all but the first `warmUp`. */
export async function measurePolls(database: Database, polls: Snapshot[], firstFeedTime: number, warmUp: number) {
  const times: number[] = [];
  let statusRows = 0;
  for (const [i, poll] of polls.entries()) {
    const snapshot = shiftSnapshot(poll, firstFeedTime + i * 60 - poll.feedTime);
    const [elapsed, result] = await timed(() => storePoll(database.db, storeArgs(snapshot)));
    if (result.status !== 'ok') throw new Error(`bench poll ${i} was ${result.status}`);
    if (i < warmUp) continue;
    times.push(elapsed);
    statusRows += result.statusRows;
  }
  return { medianMs: ms(median(times)), p90Ms: ms(p90(times)), statusRowsPerPoll: Math.round(statusRows / times.length) };
}

/** One timed run: the query, then the hexagons computed from its rows. */
async function hotspotsRun(read: () => Promise<WindowFigures[]>, windowSeconds: number) {
  const [queryMs, rows] = await timed(read);
  const [computeMs, hotspots] = await timed(async () => computeHotspots(rows, { metric: 'occupancy', resolution: 10, windowSeconds }));
  return { queryMs, totalMs: queryMs + computeMs, hexagons: hotspots.hexagons.length };
}

function summarise(runs: Awaited<ReturnType<typeof hotspotsRun>>[]): HotspotTiming {
  return { queryMs: ms(median(runs.map((r) => r.queryMs))), totalMs: ms(median(runs.map((r) => r.totalMs))), hexagons: runs[0].hexagons };
}

/** The measured day both ways, interleaved; the first round warms caches and plans and is not counted. */
async function compareHotspots(database: Database, naiveRuns: number) {
  const window = localDayWindow(MEASURED_DAY, 0, 24, TIME_ZONE);
  const seconds = window.end - window.start;
  const rollupRuns = [];
  const naive = [];
  for (let round = 0; round <= naiveRuns; round++) {
    const naiveRun = await hotspotsRun(() => naiveWindowFigures(database.db, BENCH_SYSTEM, window.start, window.end, MAX_GAP), seconds);
    const rollups = [];
    for (let i = 0; i < ROLLUP_RUNS_PER_NAIVE; i++) rollups.push(await hotspotsRun(() => windowFigures(database.db, BENCH_SYSTEM, window.start, window.end), seconds));
    if (round === 0) continue;
    naive.push(naiveRun);
    rollupRuns.push(...rollups);
  }
  const rollup = summarise(rollupRuns);
  const naiveTiming = summarise(naive);
  if (rollup.hexagons !== naiveTiming.hexagons) throw new Error(`rollups give ${rollup.hexagons} hexagons, naive ${naiveTiming.hexagons}`);
  return { rollup, naive: naiveTiming, speedup: Math.round((naiveTiming.totalMs / rollup.totalMs) * 10) / 10 };
}

/** Planner statistics as autovacuum would keep them after a bulk load. */
export async function analyze(database: Database) {
  for (const table of ['station_status', 'station_hourly', 'station_daily', 'system_daily', 'polls', 'station_versions', 'stations']) {
    await database.db.execute(sql.raw(`analyze ${table}`));
  }
}

/** Raw statuses of [from, to): the measured day at its own rate, older days at the background rate. */
async function writeRaw(database: Database, from: number, to: number, shares: { measuredDay: number; older: number }) {
  const measuredDayStart = HISTORY_END - DAY;
  return withIndexesBuiltAfter(database.db, 'station_status', async () => {
    let rows = 0;
    if (to > measuredDayStart) rows += await writeRawHistory(database.db, { systemId: BENCH_SYSTEM, changedShare: shares.measuredDay }, Math.max(from, measuredDayStart), to);
    if (from < measuredDayStart) rows += await writeRawHistory(database.db, { systemId: BENCH_SYSTEM, changedShare: shares.older }, from, Math.min(to, measuredDayStart));
    return rows;
  });
}

export interface HistoryFigures {
  /** Share of stations a minute with a stored change on the measured day (the simulator's). */
  measuredDayShare: number;
  olderDaysShare: number;
  stages: StageFigures[];
}

export async function runHistoryStages(database: Database, polls: Snapshot[], options: HistoryOptions): Promise<HistoryFigures> {
  const { db } = database;
  await seedSystem(database, polls[0]);
  // The simulator's own change rate, from real polls stored through the app.
  const probe = await measurePolls(database, polls.slice(1, 6), FIRST_LIVE_POLL + 60, 0);
  const shares = { measuredDay: Math.min(1, probe.statusRowsPerPoll / polls[0].statuses.length), older: options.changedShare };
  options.log(`  the simulator changes ${Math.round(shares.measuredDay * 100)} % of stations a minute: the measured day is written at that rate`);
  let nextPoll = FIRST_LIVE_POLL + 6 * 60;
  let rawFrom = HISTORY_END;
  let rollupFrom = HISTORY_END;
  let statusRows = 0;
  let rollupRows = 0;
  const stages: StageFigures[] = [];
  for (const days of options.stageDays) {
    const rawDays = Math.min(days, options.rawRetentionDays);
    const pastRetention = days > options.rawRetentionDays;
    // Past the retention, one hour more than it is written, for the timed prune to remove.
    const rawTarget = HISTORY_END - rawDays * DAY - (pastRetention ? HOUR : 0);
    const rollupTarget = HISTORY_END - days * DAY;
    const [generateMs] = await timed(async () => {
      if (rawTarget < rawFrom) statusRows += await writeRaw(database, rawTarget, rawFrom, shares);
      if (rollupTarget < rollupFrom) {
        rollupRows += await withIndexesBuiltAfter(db, 'station_hourly', () => writeRollupHistory(db, BENCH_SYSTEM, rollupTarget, rollupFrom));
      }
      await analyze(database);
    });
    rawFrom = Math.min(rawFrom, rawTarget);
    rollupFrom = Math.min(rollupFrom, rollupTarget);
    const { dailyRows, dailyDeriveMs, sizes } = await deriveDailyTiers(db, rollupFrom);
    options.log(
      `  ${days} day(s): ${statusRows} raw statuses, ${rollupRows} rollup rows (${(generateMs / 1000).toFixed(0)} s to write), ` +
        `${dailyRows} daily rows (${(dailyDeriveMs / 1000).toFixed(0)} s to derive); hourly ${sizes.hourlyMb} MB, daily ${sizes.dailyMb} MB`,
    );

    let prune: StageFigures['prune'] = null;
    if (pastRetention) {
      const [pruneMs, pruned] = await timed(() => pruneHistory(db, BENCH_SYSTEM, options.rawRetentionDays, HISTORY_END));
      statusRows -= pruned.statuses;
      prune = { ms: ms(pruneMs), statusesDeleted: pruned.statuses, pollsDeleted: pruned.polls };
    }

    const load = Math.round(os.loadavg()[0] * 10) / 10;
    const stagePolls = Array.from({ length: WARM_UP_POLLS + options.pollsPerStage }, (_, i) => polls[1 + (i % (polls.length - 1))]);
    const poll = await measurePolls(database, stagePolls, nextPoll, WARM_UP_POLLS);
    nextPoll += stagePolls.length * 60;
    const { rollup, naive, speedup } = await compareHotspots(database, options.naiveRuns);
    const periods = options.periodRuns ? await measurePeriods(db, days, options.periodRuns) : null;
    const tierWrites = options.periodRuns ? await tierWriteCost(db, 10) : null;
    const stage: StageFigures = {
      days,
      rawDays,
      statusRows,
      rollupRows,
      generateMs: Math.round(generateMs),
      dailyRows,
      dailyDeriveMs,
      sizes,
      load,
      poll,
      rollup,
      naive,
      speedup,
      prune,
      periods,
      tierWrites,
    };
    options.log(
      `    poll ${poll.medianMs} ms; hotspots: rollups ${rollup.totalMs} ms, naive ${naive.totalMs} ms (x${speedup})` +
        (prune ? `; prune ${prune.ms} ms, ${prune.statusesDeleted} statuses` : '') +
        ` [load ${load}]`,
    );
    for (const p of periods ?? []) {
      options.log(`    ${p.question}: daily tier ${p.daily.totalMs} ms, hourly ${p.hourly.totalMs} ms (x${p.speedup}), ${p.againstOneDay}× one day`);
    }
    if (tierWrites) options.log(`    a poll's ${tierWrites.rows} credits: hourly ${tierWrites.hourlyMs} ms, daily ${tierWrites.dailyMs} ms`);
    stages.push(stage);
  }
  return { measuredDayShare: Math.round(shares.measuredDay * 1000) / 1000, olderDaysShare: shares.older, stages };
}
