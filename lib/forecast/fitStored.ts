/**
 * Fitting a system's forecast model from its stored hours (issue 14): on the hours before the
 * newest poll's local hour, each station fitted by lib/forecast, the plain seasonal baseline
 * kept beside it for live scoring, and a backtest over the last days to say how good it is.
 */
import { localDateOf } from '@/lib/calendar';
import { backtest, type BacktestResult } from '@/lib/forecast/backtest';
import { zoneClock } from '@/lib/forecast/clock';
import { fitSystemModel } from '@/lib/forecast/fitModel';
import type { StoredStationFit } from '@/lib/forecast/live/issue';
import { seasonalProfile } from '@/lib/forecast/seasonalProfile';
import { PROFILE_WEEKS, SECONDS_PER_HOUR } from '@/lib/forecast/thresholds';
import type { Db } from '@/db/client';
import { hourlySpan } from '@/lib/forecast/historySql';
import { storeModel, type ModelRow } from '@/lib/forecast/sql';
import { backtestReadDays, readSystemHistories, type SystemRef } from './storedHistories';

export type { SystemRef };

/** Below a day of polls there is nothing to fit, not even a day's shape: the API answers 409. */
export const MIN_FORECAST_HISTORY_HOURS = 24;
/** Origins of the backtest kept with each fit: the last week, every hour. */
export const FIT_BACKTEST_DAYS = 7;

export interface BacktestSummary {
  days: number;
  origins: number;
  horizons: Array<{ hours: number; scored: number; mae: { model: number | null; persistence: number | null; seasonal: number | null } }>;
}

const hoursBetween = (first: number | null, system: SystemRef, feedTime: number) =>
  first === null ? 0 : Math.max(0, (zoneClock(system.timezone).hourStartOf(feedTime) - first) / SECONDS_PER_HOUR);

/** Hours from the system's first stored hour to the start of the newest poll's hour. */
export async function historyHours(db: Db, system: SystemRef, feedTime: number): Promise<number> {
  return hoursBetween((await hourlySpan(db, system.id)).first, system, feedTime);
}

export function summarizeBacktest(result: BacktestResult, days: number): BacktestSummary {
  return {
    days,
    origins: result.origins,
    horizons: result.horizons.map((hours, h) => ({
      hours,
      scored: result.scored[h],
      mae: { model: result.mae.model?.[h] ?? null, persistence: result.mae.persistence?.[h] ?? null, seasonal: result.mae.seasonal?.[h] ?? null },
    })),
  };
}

/** Fits and stores the model of `system` as of the poll at `feedTime`; null when the history is too short. */
export async function fitForecastModel(db: Db, system: SystemRef, feedTime: number): Promise<ModelRow | null> {
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
    fits.set(id, { model: models.get(id)!, seasonal: seasonal.observations === 0 ? null : seasonal.values.map((v) => v?.bikes ?? null) });
  }
  const fitMs = Math.round(performance.now() - started);
  const scored = backtest([...histories.values()], { days: FIT_BACKTEST_DAYS });
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
