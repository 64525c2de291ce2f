/**
 * `npm run bench -- --only periods`: the period answers alone (periodStages.ts) and what each
 * tier costs a poll, at each stage of a history of hourly rollups and the daily tiers derived
 * from them. Raw statuses, the poll timing, the naive comparison and the retention run are left
 * out: no period answer reads them, and at 365 days they are most of the full run's time. The
 * figures go into the stages of the same length of an earlier full run's results file, marked
 * with the date and load of this run; everything else there stays as it was.
 */
import os from 'node:os';
import type { Database, DatabaseKind } from '@/db/client';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { withIndexesBuiltAfter } from './bulkLoad';
import { deriveDailyTiers } from './dailyTiers';
import { writeRollupHistory } from './history';
import { analyze, measurePolls, type StageFigures } from './historyStages';
import { measurePeriods, type PeriodRuns } from './periodStages';
import type { BenchResults } from './report';
import { tierWriteCost } from './tierWriteCost';
import { BENCH_SYSTEM, DAY, FIRST_LIVE_POLL, HISTORY_END, seedSystem } from './timeline';

export type PeriodStageFigures = Pick<StageFigures, 'days' | 'dailyRows' | 'dailyDeriveMs' | 'sizes' | 'periods' | 'tierWrites'> & { load: number };

export interface PeriodsOnlyOptions {
  stageDays: number[];
  periodRuns: PeriodRuns;
  log: (line: string) => void;
}

export async function runPeriodStages(database: Database, polls: Snapshot[], options: PeriodsOnlyOptions): Promise<PeriodStageFigures[]> {
  const { db } = database;
  await seedSystem(database, polls[0]);
  // As in the full run: live polls after the history, so that a poll's writes land on a started day.
  await measurePolls(database, polls.slice(1, 6), FIRST_LIVE_POLL + 60, 0);
  let rollupFrom = HISTORY_END;
  const stages: PeriodStageFigures[] = [];
  for (const days of options.stageDays) {
    const rollupTarget = HISTORY_END - days * DAY;
    if (rollupTarget < rollupFrom) await withIndexesBuiltAfter(db, 'station_hourly', () => writeRollupHistory(db, BENCH_SYSTEM, rollupTarget, rollupFrom));
    await analyze(database);
    rollupFrom = Math.min(rollupFrom, rollupTarget);
    const tiers = await deriveDailyTiers(db, rollupFrom);
    options.log(`  ${days} day(s): ${tiers.dailyRows} daily rows (${(tiers.dailyDeriveMs / 1000).toFixed(0)} s to derive both tiers)`);
    const load = Math.round(os.loadavg()[0] * 10) / 10;
    const periods = await measurePeriods(db, days, options.periodRuns);
    const tierWrites = await tierWriteCost(db, 10);
    for (const p of periods) options.log(`    ${p.question}: daily tiers ${p.daily.totalMs} ms, hourly ${p.hourly.totalMs} ms (x${p.speedup}), ${p.againstOneDay}× one day`);
    options.log(`    a poll's ${tierWrites.rows} credits: hourly ${tierWrites.hourlyMs} ms, daily tiers ${tierWrites.dailyMs} ms [load ${load}]`);
    stages.push({ days, ...tiers, periods, tierWrites, load });
  }
  return stages;
}

/** The stage of each length in `previous` for `engine`, or an error naming what is missing (run the full bench first). */
export function stagesToReplace(previous: BenchResults, engine: DatabaseKind, stageDays: readonly number[]): StageFigures[] {
  return stageDays.map((days) => {
    const stage = previous.history[engine]?.stages.find((s) => s.days === days);
    if (!stage) throw new Error(`--only periods: the results file has no ${days}-day stage for ${engine}; run the full bench first`);
    return stage;
  });
}

/** `previous` with each measured stage's period figures replaced, in place, and marked. */
export function mergePeriodStages(previous: BenchResults, engine: DatabaseKind, stages: readonly PeriodStageFigures[], date: string): void {
  const targets = stagesToReplace(previous, engine, stages.map((s) => s.days));
  stages.forEach(({ dailyRows, dailyDeriveMs, sizes, periods, tierWrites, load }, i) =>
    Object.assign(targets[i], { dailyRows, dailyDeriveMs, sizes, periods, tierWrites, periodsRun: { date, load } }),
  );
}
