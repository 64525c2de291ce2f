/**
 * Fitting a system's forecast model from its stored hours: on the hours before the
 * newest poll's local hour, each station fitted by lib/forecast, the plain seasonal baseline
 * kept beside it for live scoring, and a backtest over the last days to say how good it is.
 */
import { localDateOf } from '@/lib/calendar';
import { backtest, type BacktestResult, type PlainBacktestOptions } from '@/lib/forecast/backtest';
import { fitClimatology } from '@/lib/forecast/baselines';
import { summarizeBacktest } from '@/lib/forecast/backtestReport';
import { zoneClock } from '@/lib/forecast/clock';
import { fitSystemModel } from '@/lib/forecast/fitModel';
import type { StoredStationFit } from '@/lib/forecast/live/issue';
import { seasonalProfile } from '@/lib/forecast/seasonalProfile';
import { MIN_FORECAST_HISTORY_HOURS, PROFILE_WEEKS } from '@/lib/forecast/thresholds';
import type { Db } from '@/db/client';
import { hourlySpan, hoursBetween } from '@/lib/forecast/historySql';
import type { ModelRow } from '@/lib/forecast/sql';
import type { StationHistory } from '@/lib/forecast/types';
import { storeModel } from '@/lib/forecast/store';
import { backtestReadDays, readSystemHistories, type SystemRef } from './storedHistories';

export type { SystemRef };

/** Origins of the backtest kept with each fit: the last week, every hour. */
export const FIT_BACKTEST_DAYS = 7;

/** Scores a fit's backtest: `backtest` on this thread, or the commands' backtestOnTwoThreads (backtestWorkers.ts). */
export type BacktestRunner = (histories: readonly StationHistory[], options: PlainBacktestOptions) => BacktestResult | Promise<BacktestResult>;

/** Fits and stores the model of `system` as of the poll at `feedTime`; null when the history is too short. */
export async function fitForecastModel(db: Db, system: SystemRef, feedTime: number, runBacktest: BacktestRunner = backtest): Promise<ModelRow | null> {
  const { first } = await hourlySpan(db, system.id);
  if (first === null || hoursBetween(first, system, feedTime) < MIN_FORECAST_HISTORY_HOURS) return null;
  const until = zoneClock(system.timezone).hourStartOf(feedTime);
  const started = performance.now();
  // The profile's weeks before the backtest's earliest origin, as `npm run backtest` reads them.
  const read = await readSystemHistories(db, system, backtestReadDays(FIT_BACKTEST_DAYS), until);
  if (read === null) return null;
  const { histories, from } = read;
  const { stations: models, trust } = fitSystemModel(histories, until);
  const fits = new Map<string, StoredStationFit>();
  for (const [id, history] of histories) {
    const seasonal = seasonalProfile(history.hours, { weeks: PROFILE_WEEKS, until });
    const { pEmpty, pFull } = fitClimatology(history, until);
    fits.set(id, {
      model: models.get(id)!,
      seasonal: seasonal.observations === 0 ? null : seasonal.values.map((v) => v?.bikes ?? null),
      climatology: { pEmpty, pFull },
    });
  }
  const fitMs = Math.round(performance.now() - started);
  const scored = await runBacktest([...histories.values()], { days: FIT_BACKTEST_DAYS });
  const model: ModelRow = {
    fittedAt: feedTime,
    fittedDay: localDateOf(feedTime, system.timezone),
    historyStart: from,
    historyEnd: until,
    stations: histories.size,
    fitMs,
    backtest: summarizeBacktest(scored, FIT_BACKTEST_DAYS),
    trust,
  };
  await storeModel(db, system.id, model, fits);
  return model;
}
