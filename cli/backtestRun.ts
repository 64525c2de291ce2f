/**
 * The backtest of a stored system: its histories (lib/forecast/storedHistories.ts) replayed by
 * lib/forecast's backtest.
 * Used by `npm run backtest` and bench/forecast.ts.
 */
import type { Db } from '@/db/client';
import { findSystem } from '@/lib/systems/sql';
import type { BacktestResult, RefitSchedule } from '@/lib/forecast/backtest';
import { backtestOnTwoThreads } from '@/lib/forecast/backtestWorkers';
import { checkChances, checkTarget, formatBacktest, type ChanceCheck, type TargetCheck } from '@/lib/forecast/backtestReport';
import { backtestReadDays, readSystemHistories, type SystemRef } from '@/lib/forecast/storedHistories';
import { listedSystems } from '@/lib/systems/listed';

export class BacktestInputError extends Error {}

/**
 * The system named (or the first configured one): a listed system, or any system the database
 * holds history of (a bench database). Its time zone is the stored one.
 */
export async function systemToBacktest(db: Db, systemId: string | undefined): Promise<SystemRef> {
  const listed = await listedSystems(db);
  const id = systemId ?? listed[0]?.id;
  if (id === undefined) throw new BacktestInputError('no system is configured: name one with --system ID');
  const stored = await findSystem(db, id);
  if (stored === null) {
    const known = listed.map((system) => system.id).join(', ');
    const listedButEmpty = listed.some((system) => system.id === id);
    throw new BacktestInputError(
      listedButEmpty ? `system "${id}" has never been polled: no history to backtest` : `unknown system "${id}"${known ? ` (systems: ${known})` : ''}`,
    );
  }
  return { id: stored.id, timezone: stored.timezone };
}

export interface SystemBacktest {
  system: SystemRef;
  days: number;
  history: { from: number; until: number; rows: number; stations: number; readMs: number };
  result: BacktestResult;
  target: TargetCheck;
  chances: ChanceCheck;
  backtestMs: number;
}

export async function backtestSystem(db: Db, system: SystemRef, options: { days: number; refit?: RefitSchedule }): Promise<SystemBacktest> {
  const read = await readSystemHistories(db, system, backtestReadDays(options.days));
  if (read === null) throw new BacktestInputError(`system "${system.id}" has no hourly figures yet: nothing to backtest`);
  const started = performance.now();
  // A command: every other fit group on a worker thread, the same figures as on one (backtestWorkers.ts).
  const result = await backtestOnTwoThreads([...read.histories.values()], { days: options.days, refit: options.refit });
  return {
    system,
    days: options.days,
    history: { from: read.from, until: read.until, rows: read.rows, stations: read.histories.size, readMs: read.readMs },
    result,
    target: checkTarget(result),
    chances: checkChances(result),
    backtestMs: Math.round(performance.now() - started),
  };
}

const REFIT_WORDS = { daily: 'at each local midnight', origin: 'at each origin', once: 'once, at the first day of origins (a hold-out)' } as const;

const isoHour = (epochS: number) => new Date(epochS * 1000).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);

/** The lines `npm run backtest` prints. */
export function describeBacktest(run: SystemBacktest): string[] {
  const { system, history, result, target, chances } = run;
  const answered = Object.entries(result.answeredBy.model ?? {})
    .map(([model, count]) => `${model} ${count}`)
    .join(', ');
  return [
    `${system.id} (${system.timezone}): ${history.stations} stations, hours ${isoHour(history.from)} – ${isoHour(history.until)} (${history.rows} rows read in ${history.readMs} ms)`,
    `last ${run.days} days as origins, refit ${REFIT_WORDS[result.refit ?? 'daily']}: ${result.fitPoints} fit points, ${result.stationFits} station fits, ${run.backtestMs} ms`,
    ...formatBacktest(result),
    `model answered: ${answered || 'nothing'}`,
    `target (model ≥ 10 % better than persistence at 3 h and 6 h, better than both baselines at every horizon): ${target.met ? 'met' : 'NOT met'}` +
      ` — gain over persistence ${percent(target.gainAt3h)} at 3 h, ${percent(target.gainAt6h)} at 6 h; beats both everywhere: ${target.beatsBaselinesEveryHorizon ? 'yes' : 'no'}`,
    `chances target (≥ 5 % better than persistence at 1 h; Brier below persistence and climatology at every horizon, both chances; every bin of ≥ 100 forecasts within 0.05; interval coverage 75–85 % at every horizon): ${chances.met ? 'met' : 'NOT met'}` +
      ` — gain at 1 h ${percent(chances.gainAt1h)}; Brier beats both everywhere: ${chances.brierBeatsBaselines ? 'yes' : 'no'}; worst bin off by ${chances.worstReliabilityGap === null ? '—' : chances.worstReliabilityGap.toFixed(3)}; coverage ${chances.coverage === null ? '—' : `${percent(chances.coverage.min)} – ${percent(chances.coverage.max)}`}`,
  ];
}
