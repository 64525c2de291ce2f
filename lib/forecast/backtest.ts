/**
 * Replays stored histories as forecast origins and scores every forecaster on what happened.
 *
 * Origins: per station, the last `days` × 24 hours of its history whose furthest horizon is still
 * inside it (so every origin is scored at every horizon and the horizons compare like with like).
 * At origin o (the start of entry o) the forecasters get the state of entry o − 1 as "now" (an
 * origin whose previous hour is unobserved is skipped: there is no current state to start from)
 * and the labels of the target hours, no figures. A horizon-h target is entry o + h − 1; an
 * unobserved one is not scored.
 *
 * Fits: a forecaster that fits (the model, the seasonal profile) is fitted on the entries before
 * a fit point and applied at every origin from it, as the live path does:
 *
 * - `refit: 'daily'` (default): the fit point is the start of the origin's local day (the first
 *   entry of its weekday), so the stations are fitted together once per local day and every hour
 *   of that day is forecast from that fit. This is what runs live (a refit when the feed crosses
 *   a local midnight) and costs 24 times fewer fits than
 * - `refit: 'origin'`: the fit point is the origin itself.
 *
 * A fit only ever gets the entries strictly before its fit point (a slice, or `pastView`), and the
 * fit point is never after the origin; both are asserted. A plain `Forecaster` function is called
 * per origin with the entries before the origin.
 *
 * MAE is in bikes per station: |forecast − observed mean bikes| averaged over every scored
 * (station, origin) pair of the horizon, the same pairs for every forecaster.
 */
import { applySeasonal, fitSeasonal, type SeasonalFit } from './baselines';
import type { DecayPrior } from './decay';
import { persistenceArrays } from './decayForecast';
import { fitStationsWithTrust } from './fitModel';
import type { HorizonTrust } from './horizonTrust';
import { applyStationModel, type StationModel } from './forecastStation';
import { assertTimeOrdered, isObserved } from './series';
import type { HourObservation, LocalHour, StationForecast, StationHistory, StationNow } from './types';

type Answer = Pick<StationForecast, 'model' | 'bikes'>;

/** Fitted and applied at each origin, on the entries before it. */
export type Forecaster = (station: StationHistory, now: StationNow, targets: readonly LocalHour[]) => Answer;

/** Fitted once per fit point for every station at once (so it can pool them), then applied at each origin. */
export interface RefittingForecaster<Fit = unknown> {
  /** `stations[i]` holds only the entries of station i before `until`. */
  fit(stations: readonly StationHistory[], until: number): Fit[];
  apply(fit: Fit, now: StationNow, targets: readonly LocalHour[], capacity: number): Answer;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each forecaster has its own fit type
export type AnyForecaster = Forecaster | RefittingForecaster<any>;

export const BACKTEST_HORIZONS = [1, 3, 6, 24] as const;

export type RefitSchedule = 'daily' | 'origin';

export interface BacktestOptions {
  days: number;
  horizons?: readonly number[];
  /** When fitting forecasters refit: at each local day's start (default) or at each origin. */
  refit?: RefitSchedule;
  /** Replaces the model and the two baselines ('model', 'persistence', 'seasonal'). */
  forecasters?: Readonly<Record<string, AnyForecaster>>;
  /** The prior of the model's decay fit; by default each fit pools the phi of the stations fitted with it. */
  prior?: DecayPrior;
  /** What a fit or an origin sees of the history: the entries before index `end` (a slice by default). */
  pastView?: (hours: readonly HourObservation[], end: number) => readonly HourObservation[];
}

export interface BacktestResult {
  horizons: number[];
  /** How fits were scheduled (absent in a result not made by `backtest`, e.g. a stored one). */
  refit?: RefitSchedule;
  /** Origins forecast from, over all stations. */
  origins: number;
  /** Origins skipped because the hour before them was unobserved. */
  skippedOrigins: number;
  /** Fit points (distinct `until` instants) and station fits done at them (absent alike). */
  fitPoints?: number;
  stationFits?: number;
  /** Targets scored per horizon. */
  scored: number[];
  /** Per forecaster, MAE per horizon (null when nothing was scored). */
  mae: Record<string, (number | null)[]>;
  /** Per forecaster, how many origins each of its models answered. */
  answeredBy: Record<string, Record<string, number>>;
}

export function modelForecaster(prior?: DecayPrior): RefittingForecaster<{ station: StationModel; trust: HorizonTrust | null }> {
  return {
    fit: (stations, until) => {
      const fitted = fitStationsWithTrust(stations, until, prior ?? {});
      return fitted.stations.map((station) => ({ station, trust: fitted.trust }));
    },
    apply: (fit, now, targets, capacity) => applyStationModel(fit.station, now, targets, capacity, fit.trust),
  };
}

export const seasonalForecaster: RefittingForecaster<SeasonalFit> = {
  fit: (stations, until) => stations.map((station) => fitSeasonal(station, until)),
  apply: applySeasonal,
};

/** Nothing to fit: a Forecaster function would copy the past of every origin for nothing. */
export const persistenceForecaster: RefittingForecaster<null> = {
  fit: (stations) => stations.map(() => null),
  apply: (_fit, now, targets, capacity) => ({ model: 'persistence', bikes: persistenceArrays(now, targets, capacity).bikes }),
};

export function defaultForecasters(prior?: DecayPrior): Record<string, AnyForecaster> {
  return { model: modelForecaster(prior), persistence: persistenceForecaster, seasonal: seasonalForecaster };
}

const labelOnly = ({ hourStart, weekday, hour }: LocalHour): LocalHour => ({ hourStart, weekday, hour });

function assertBefore(past: readonly HourObservation[], endIndex: number, instant: number, what: string): void {
  const last = past.length > 0 ? past[past.length - 1] : null;
  if (past.length > endIndex || (last !== null && last.hourStart >= instant)) {
    throw new Error(`the past of the ${what} at ${instant} reaches it or beyond`);
  }
}

/** Index of the first entry of the local day of entry `index`: where its weekday begins. */
function dayStartIndex(hours: readonly HourObservation[], index: number): number {
  let start = index;
  while (start > 0 && hours[start - 1].weekday === hours[index].weekday) start--;
  return start;
}

interface FitGroup {
  until: number;
  members: { station: number; fitIndex: number; origins: number[] }[];
}

export function backtest(histories: readonly StationHistory[] | ReadonlyMap<string, StationHistory>, options: BacktestOptions): BacktestResult {
  if (!Number.isInteger(options.days) || options.days < 1) throw new RangeError(`days must be a whole number ≥ 1, got ${options.days}`);
  const horizons = [...(options.horizons ?? BACKTEST_HORIZONS)];
  if (horizons.some((h) => !Number.isInteger(h) || h < 1)) throw new RangeError(`horizons must be whole hours ≥ 1: ${horizons}`);
  const refit = options.refit ?? 'daily';
  if (refit !== 'daily' && refit !== 'origin') throw new RangeError(`refit must be "daily" or "origin", got ${String(refit)}`);
  const stations = Array.isArray(histories) ? (histories as readonly StationHistory[]) : [...(histories as ReadonlyMap<string, StationHistory>).values()];
  const maxHorizon = Math.max(...horizons);
  const forecasters = options.forecasters ?? defaultForecasters(options.prior);
  const pastView = options.pastView ?? ((hours, end) => hours.slice(0, end));
  const names = Object.keys(forecasters);

  const errorSums = Object.fromEntries(names.map((name) => [name, horizons.map(() => 0)]));
  const answeredBy: Record<string, Record<string, number>> = Object.fromEntries(names.map((name) => [name, {}]));
  const scored = horizons.map(() => 0);
  let origins = 0;
  let skippedOrigins = 0;
  let stationFits = 0;

  // Every origin, grouped by the instant its fits are made at.
  const groups = new Map<number, FitGroup>();
  stations.forEach((station, s) => {
    const hours = station.hours;
    assertTimeOrdered(hours);
    const lastOrigin = hours.length - maxHorizon;
    const firstOrigin = Math.max(1, lastOrigin - options.days * 24 + 1);
    for (let o = firstOrigin; o <= lastOrigin; o++) {
      if (!isObserved(hours[o - 1])) {
        skippedOrigins++;
        continue;
      }
      const fitIndex = refit === 'daily' ? dayStartIndex(hours, o) : o;
      const until = hours[fitIndex].hourStart;
      const group = groups.get(until) ?? { until, members: [] };
      groups.set(until, group);
      const member = group.members[group.members.length - 1];
      if (member?.station === s) member.origins.push(o);
      else group.members.push({ station: s, fitIndex, origins: [o] });
    }
  });

  for (const group of [...groups.values()].sort((a, b) => a.until - b.until)) {
    const pasts = group.members.map(({ station, fitIndex }) => {
      const past = pastView(stations[station].hours, fitIndex);
      assertBefore(past, fitIndex, group.until, 'fit');
      return { capacity: stations[station].capacity, hours: past };
    });
    stationFits += pasts.length;
    const fits = names.map((name) => {
      const forecaster = forecasters[name];
      return typeof forecaster === 'function' ? null : (forecaster as RefittingForecaster).fit(pasts, group.until);
    });

    group.members.forEach(({ station: s, fitIndex }, m) => {
      const { hours, capacity } = stations[s];
      for (const o of group.members[m].origins) {
        if (fitIndex > o) throw new Error(`a fit at entry ${fitIndex} was used for the earlier origin ${o}`);
        origins++;
        const nowEntry = hours[o - 1] as HourObservation & { meanBikes: number; fullShare: number; emptyShare: number };
        const now: StationNow = { ...labelOnly(nowEntry), bikes: nowEntry.meanBikes, fullShare: nowEntry.fullShare, emptyShare: nowEntry.emptyShare };
        const targets = hours.slice(o, o + maxHorizon).map(labelOnly);
        const forecasts = names.map((name, f) => {
          const forecaster = forecasters[name];
          if (typeof forecaster !== 'function') return (forecaster as RefittingForecaster).apply(fits[f]![m], now, targets, capacity);
          const past = pastView(hours, o);
          assertBefore(past, o, targets[0].hourStart, 'origin');
          return forecaster({ capacity, hours: past }, now, targets);
        });

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
    });
  }

  const mae = Object.fromEntries(names.map((name) => [name, errorSums[name].map((sum, h) => (scored[h] > 0 ? sum / scored[h] : null))]));
  return { horizons, refit, origins, skippedOrigins, fitPoints: groups.size, stationFits, scored, mae, answeredBy };
}
