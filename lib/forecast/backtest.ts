/**
 * Replays stored histories as forecast origins and scores every forecaster on what happened.
 *
 * Origins: per station, the last `days` × 24 hours of its history whose furthest horizon is still
 * inside it (so every origin is scored at every horizon and the horizons compare like with like).
 * At origin o (the start of entry o) the forecasters get the entries before o only (a slice, or
 * `pastView`), the state of entry o − 1 as "now" (an origin whose previous hour is unobserved is
 * skipped: there is no current state to start from) and the labels of the target hours, no
 * figures. A horizon-h target is entry o + h − 1; an unobserved one is not scored.
 *
 * MAE is in bikes per station: |forecast − observed mean bikes| averaged over every scored
 * (station, origin) pair of the horizon, the same pairs for every forecaster.
 */
import { persistenceForecast, seasonalForecast } from './baselines';
import type { DecayPrior } from './decay';
import { forecastStation } from './forecastStation';
import { assertTimeOrdered, isObserved } from './series';
import type { HourObservation, LocalHour, StationForecast, StationHistory, StationNow } from './types';

export type Forecaster = (
  station: StationHistory,
  now: StationNow,
  targets: readonly LocalHour[],
) => Pick<StationForecast, 'model' | 'bikes'>;

export const BACKTEST_HORIZONS = [1, 3, 6, 24] as const;

export interface BacktestOptions {
  days: number;
  horizons?: readonly number[];
  /** Replaces the model and the two baselines ('model', 'persistence', 'seasonal'). */
  forecasters?: Readonly<Record<string, Forecaster>>;
  /** The prior of the model's decay fit. */
  prior?: DecayPrior;
  /** What an origin's forecasters see of the history; the entries before it (a slice) by default. */
  pastView?: (hours: readonly HourObservation[], originIndex: number) => readonly HourObservation[];
}

export interface BacktestResult {
  horizons: number[];
  /** Origins forecast from, over all stations. */
  origins: number;
  /** Origins skipped because the hour before them was unobserved. */
  skippedOrigins: number;
  /** Targets scored per horizon. */
  scored: number[];
  /** Per forecaster, MAE per horizon (null when nothing was scored). */
  mae: Record<string, (number | null)[]>;
  /** Per forecaster, how many origins each of its models answered. */
  answeredBy: Record<string, Record<string, number>>;
}

export function defaultForecasters(prior: DecayPrior = {}): Record<string, Forecaster> {
  return {
    model: (station, now, targets) => forecastStation(station, now, targets, prior),
    persistence: persistenceForecast,
    seasonal: seasonalForecast,
  };
}

const labelOnly = ({ hourStart, weekday, hour }: LocalHour): LocalHour => ({ hourStart, weekday, hour });

function assertBeforeOrigin(past: readonly HourObservation[], originIndex: number, origin: number): void {
  const last = past.length > 0 ? past[past.length - 1] : null;
  if (past.length > originIndex || (last !== null && last.hourStart >= origin)) {
    throw new Error(`the past of the origin at ${origin} reaches it or beyond`);
  }
}

export function backtest(histories: readonly StationHistory[], options: BacktestOptions): BacktestResult {
  if (!Number.isInteger(options.days) || options.days < 1) throw new RangeError(`days must be a whole number ≥ 1, got ${options.days}`);
  const horizons = [...(options.horizons ?? BACKTEST_HORIZONS)];
  if (horizons.some((h) => !Number.isInteger(h) || h < 1)) throw new RangeError(`horizons must be whole hours ≥ 1: ${horizons}`);
  const maxHorizon = Math.max(...horizons);
  const forecasters = options.forecasters ?? defaultForecasters(options.prior);
  const pastView = options.pastView ?? ((hours, originIndex) => hours.slice(0, originIndex));
  const names = Object.keys(forecasters);

  const errorSums = Object.fromEntries(names.map((name) => [name, horizons.map(() => 0)]));
  const answeredBy: Record<string, Record<string, number>> = Object.fromEntries(names.map((name) => [name, {}]));
  const scored = horizons.map(() => 0);
  let origins = 0;
  let skippedOrigins = 0;

  for (const station of histories) {
    const hours = station.hours;
    assertTimeOrdered(hours);
    const lastOrigin = hours.length - maxHorizon;
    const firstOrigin = Math.max(1, lastOrigin - options.days * 24 + 1);
    for (let o = firstOrigin; o <= lastOrigin; o++) {
      const nowEntry = hours[o - 1];
      if (!isObserved(nowEntry)) {
        skippedOrigins++;
        continue;
      }
      origins++;
      const now: StationNow = { ...labelOnly(nowEntry), bikes: nowEntry.meanBikes, fullShare: nowEntry.fullShare, emptyShare: nowEntry.emptyShare };
      const targets = hours.slice(o, o + maxHorizon).map(labelOnly);
      const past = pastView(hours, o);
      assertBeforeOrigin(past, o, targets[0].hourStart);
      const forecasts = names.map((name) => forecasters[name]({ capacity: station.capacity, hours: past }, now, targets));

      horizons.forEach((horizon, h) => {
        const truth = hours[o + horizon - 1];
        if (!isObserved(truth)) return;
        scored[h]++;
        forecasts.forEach((forecast, f) => {
          errorSums[names[f]][h] += Math.abs(forecast.bikes[horizon - 1] - truth.meanBikes);
        });
      });
      forecasts.forEach((forecast, f) => {
        const counts = answeredBy[names[f]];
        counts[forecast.model] = (counts[forecast.model] ?? 0) + 1;
      });
    }
  }

  const mae = Object.fromEntries(names.map((name) => [name, errorSums[name].map((sum, h) => (scored[h] > 0 ? sum / scored[h] : null))]));
  return { horizons, origins, skippedOrigins, scored, mae, answeredBy };
}
