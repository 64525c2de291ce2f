/**
 * Replays stored histories as forecast origins and scores every forecaster on what happened.
 *
 * Origins: per station, the last `days` × 24 hours of its history whose furthest horizon is still
 * inside it (so every origin is scored at every horizon and the horizons compare like with like).
 * At origin o (the start of entry o) the forecasters get as "now" the station at the first poll
 * of entry o − 1's hour, where a forecast issued live in that hour starts (`originState`; a
 * history without polls starts from that hour's mean; an origin with nothing to start from is
 * skipped) and the labels of the target hours, no figures. A horizon-h target is entry o + h − 1; an
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
import { applyClimatology, applySeasonal, fitClimatology, fitSeasonal, type ClimatologyFit, type SeasonalFit } from './baselines';
import { INTERVAL_HIGH, INTERVAL_LOW } from './chanceCalibration';
import type { DecayPrior } from './decay';
import { persistenceArrays } from './decayForecast';
import { fitStationsWithTrust } from './fitModel';
import type { HorizonTrust } from './horizonTrust';
import { applyStationModel, type StationModel } from './forecastStation';
import { assertTimeOrdered, isObserved, originState } from './series';
import type { HourObservation, LocalHour, StationForecast, StationHistory, StationNow } from './types';

/** Bikes at least; the chances and the interval when the forecaster gives them (they are scored then). */
type Answer = Pick<StationForecast, 'model' | 'bikes'> & Partial<Pick<StationForecast, 'pEmpty' | 'pFull' | 'bikesLow' | 'bikesHigh'>>;

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

/** 'once': a single fit at the start of the first day of origins, every origin after it scored on it (a hold-out). */
export type RefitSchedule = 'daily' | 'origin' | 'once';

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
  /**
   * Per forecaster that gives chances, per chance, the Brier score per horizon: mean (p − s)², s
   * the share of the target hour the station was empty (full). Absent in a result stored before.
   */
  brier?: Record<string, Record<Chance, (number | null)[]>>;
  /** The model's chances in ten bins of what they said, over every scored horizon. */
  reliability?: Record<Chance, ReliabilityBin[]>;
  /** The model's 80 % interval per horizon: the share of targets inside it, its mean width, the pinball loss of its two ends. */
  interval?: { coverage: (number | null)[]; width: (number | null)[]; pinball: (number | null)[] };
}

export type Chance = 'empty' | 'full';

export interface ReliabilityBin {
  /** Chances in [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  forecasts: number;
  /** Mean chance said, and the mean share of the target hour it happened: equal when calibrated. */
  said: number | null;
  happened: number | null;
}

const CHANCES: readonly Chance[] = ['empty', 'full'];
const RELIABILITY_BINS = 10;

/** The pinball (quantile) loss of quantile q at `value` against the truth. */
export const pinball = (q: number, value: number, truth: number) => (truth >= value ? q * (truth - value) : (1 - q) * (value - truth));

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
  apply: (_fit, now, targets, capacity) => ({ model: 'persistence', ...persistenceArrays(now, targets, capacity) }),
};

/** The chances' baseline: the station's share of empty (full) time at that hour of day over the 28 days before the fit. */
export const climatologyForecaster: RefittingForecaster<ClimatologyFit> = {
  fit: (stations, until) => stations.map((station) => fitClimatology(station, until)),
  apply: applyClimatology,
};

export function defaultForecasters(prior?: DecayPrior): Record<string, AnyForecaster> {
  return { model: modelForecaster(prior), persistence: persistenceForecaster, seasonal: seasonalForecaster, climatology: climatologyForecaster };
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

/** What a backtest is asked, checked, with its defaults. */
export interface BacktestPlan {
  stations: readonly StationHistory[];
  horizons: number[];
  refit: RefitSchedule;
  maxHorizon: number;
  forecasters: Readonly<Record<string, AnyForecaster>>;
  names: string[];
  pastView: NonNullable<BacktestOptions['pastView']>;
  /** Every origin, grouped by the instant its fits are made at, in time order. */
  groups: FitGroup[];
  skippedOrigins: number;
}

export function planBacktest(histories: readonly StationHistory[] | ReadonlyMap<string, StationHistory>, options: BacktestOptions): BacktestPlan {
  if (!Number.isInteger(options.days) || options.days < 1) throw new RangeError(`days must be a whole number ≥ 1, got ${options.days}`);
  const horizons = [...(options.horizons ?? BACKTEST_HORIZONS)];
  if (horizons.some((h) => !Number.isInteger(h) || h < 1)) throw new RangeError(`horizons must be whole hours ≥ 1: ${horizons}`);
  const refit = options.refit ?? 'daily';
  if (refit !== 'daily' && refit !== 'origin' && refit !== 'once') throw new RangeError(`refit must be "daily", "origin" or "once", got ${String(refit)}`);
  const stations = Array.isArray(histories) ? (histories as readonly StationHistory[]) : [...(histories as ReadonlyMap<string, StationHistory>).values()];
  const maxHorizon = Math.max(...horizons);
  const forecasters = options.forecasters ?? defaultForecasters(options.prior);
  const pastView = options.pastView ?? ((hours, end) => hours.slice(0, end));
  let skippedOrigins = 0;
  const groups = new Map<number, FitGroup>();
  stations.forEach((station, s) => {
    const hours = station.hours;
    assertTimeOrdered(hours);
    const lastOrigin = hours.length - maxHorizon;
    const firstOrigin = Math.max(1, lastOrigin - options.days * 24 + 1);
    for (let o = firstOrigin; o <= lastOrigin; o++) {
      if (originState(hours, o) === null) {
        skippedOrigins++;
        continue;
      }
      const fitIndex = refit === 'daily' ? dayStartIndex(hours, o) : refit === 'once' ? dayStartIndex(hours, firstOrigin) : o;
      const until = hours[fitIndex].hourStart;
      const group = groups.get(until) ?? { until, members: [] };
      groups.set(until, group);
      const member = group.members[group.members.length - 1];
      if (member?.station === s) member.origins.push(o);
      else group.members.push({ station: s, fitIndex, origins: [o] });
    }
  });
  const sorted = [...groups.values()].sort((a, b) => a.until - b.until);
  return { stations, horizons, refit, maxHorizon, forecasters, names: Object.keys(forecasters), pastView, groups: sorted, skippedOrigins };
}

/**
 * The sums of one fit group's origins: groups are scored apart and their sums added in time
 * order, so that groups scored on other threads (backtestWorkers.ts) give the same figures.
 */
export interface GroupScore {
  origins: number;
  stationFits: number;
  scored: number[];
  errorSums: Record<string, number[]>;
  brierSums: Record<string, Record<Chance, number[]>>;
  gaveChances: string[];
  bins: Record<Chance, { forecasts: number; said: number; happened: number }[]>;
  intervalSums: { inside: number[]; width: number[]; pinball: number[]; scored: number[] };
  answeredBy: Record<string, Record<string, number>>;
}

function emptyScore(names: readonly string[], horizons: readonly number[]): GroupScore {
  const zeros = () => horizons.map(() => 0);
  return {
    origins: 0,
    stationFits: 0,
    scored: zeros(),
    errorSums: Object.fromEntries(names.map((name) => [name, zeros()])),
    brierSums: Object.fromEntries(names.map((name) => [name, { empty: zeros(), full: zeros() }])),
    gaveChances: [],
    bins: Object.fromEntries(CHANCES.map((c) => [c, Array.from({ length: RELIABILITY_BINS }, () => ({ forecasts: 0, said: 0, happened: 0 }))])) as GroupScore['bins'],
    intervalSums: { inside: zeros(), width: zeros(), pinball: zeros(), scored: zeros() },
    answeredBy: Object.fromEntries(names.map((name) => [name, {}])),
  };
}

function addScore(total: GroupScore, part: GroupScore): void {
  const add = (into: number[], from: readonly number[]) => from.forEach((value, i) => (into[i] += value));
  total.origins += part.origins;
  total.stationFits += part.stationFits;
  add(total.scored, part.scored);
  for (const name of Object.keys(part.errorSums)) {
    add(total.errorSums[name], part.errorSums[name]);
    add(total.brierSums[name].empty, part.brierSums[name].empty);
    add(total.brierSums[name].full, part.brierSums[name].full);
    for (const [model, count] of Object.entries(part.answeredBy[name])) total.answeredBy[name][model] = (total.answeredBy[name][model] ?? 0) + count;
  }
  for (const name of part.gaveChances) if (!total.gaveChances.includes(name)) total.gaveChances.push(name);
  for (const chance of CHANCES) {
    part.bins[chance].forEach((bin, b) => {
      const into = total.bins[chance][b];
      into.forecasts += bin.forecasts;
      into.said += bin.said;
      into.happened += bin.happened;
    });
  }
  add(total.intervalSums.inside, part.intervalSums.inside);
  add(total.intervalSums.width, part.intervalSums.width);
  add(total.intervalSums.pinball, part.intervalSums.pinball);
  add(total.intervalSums.scored, part.intervalSums.scored);
}

function scoreGroup(plan: BacktestPlan, group: FitGroup): GroupScore {
  const { stations, horizons, maxHorizon, forecasters, names, pastView } = plan;
  const score = emptyScore(names, horizons);
  const { errorSums, brierSums, bins, intervalSums, scored } = score;
  const pasts = group.members.map(({ station, fitIndex }) => {
    const past = pastView(stations[station].hours, fitIndex);
    assertBefore(past, fitIndex, group.until, 'fit');
    return { capacity: stations[station].capacity, hours: past };
  });
  score.stationFits += pasts.length;
  const fits = names.map((name) => {
    const forecaster = forecasters[name];
    return typeof forecaster === 'function' ? null : (forecaster as RefittingForecaster).fit(pasts, group.until);
  });

  group.members.forEach(({ station: s, fitIndex }, m) => {
    const { hours, capacity } = stations[s];
    for (const o of group.members[m].origins) {
      if (fitIndex > o) throw new Error(`a fit at entry ${fitIndex} was used for the earlier origin ${o}`);
      score.origins++;
      const now = originState(hours, o)!;
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
        const k = horizon - 1;
        forecasts.forEach((forecast, f) => {
          const name = names[f];
          errorSums[name][h] += Math.abs(forecast.bikes[k] - truth.meanBikes);
          if (forecast.pEmpty === undefined || forecast.pFull === undefined) return;
          if (!score.gaveChances.includes(name)) score.gaveChances.push(name);
          brierSums[name].empty[h] += (forecast.pEmpty[k] - truth.emptyShare) ** 2;
          brierSums[name].full[h] += (forecast.pFull[k] - truth.fullShare) ** 2;
          if (name !== 'model') return;
          for (const chance of CHANCES) {
            const said = chance === 'empty' ? forecast.pEmpty[k] : forecast.pFull[k];
            const bin = bins[chance][Math.min(RELIABILITY_BINS - 1, Math.floor(said * RELIABILITY_BINS))];
            bin.forecasts++;
            bin.said += said;
            bin.happened += chance === 'empty' ? truth.emptyShare : truth.fullShare;
          }
          if (forecast.bikesLow === undefined || forecast.bikesHigh === undefined) return;
          const low = forecast.bikesLow[k];
          const high = forecast.bikesHigh[k];
          intervalSums.scored[h]++;
          if (truth.meanBikes >= low && truth.meanBikes <= high) intervalSums.inside[h]++;
          intervalSums.width[h] += high - low;
          intervalSums.pinball[h] += (pinball(INTERVAL_LOW, low, truth.meanBikes) + pinball(INTERVAL_HIGH, high, truth.meanBikes)) / 2;
        });
      });
      forecasts.forEach((forecast, f) => {
        const counts = score.answeredBy[names[f]];
        counts[forecast.model] = (counts[forecast.model] ?? 0) + 1;
      });
    }
  });
  return score;
}

function resultOf(plan: BacktestPlan, scores: readonly GroupScore[]): BacktestResult {
  const { horizons, refit, names } = plan;
  const total = emptyScore(names, horizons);
  for (const score of scores) addScore(total, score);
  const { scored, errorSums, brierSums, bins, intervalSums } = total;
  const perScored = (sum: number, h: number) => (scored[h] > 0 ? sum / scored[h] : null);
  const mae = Object.fromEntries(names.map((name) => [name, errorSums[name].map(perScored)]));
  const brier = Object.fromEntries(
    names.filter((name) => total.gaveChances.includes(name)).map((name) => [name, { empty: brierSums[name].empty.map(perScored), full: brierSums[name].full.map(perScored) }]),
  );
  const reliability = Object.fromEntries(
    CHANCES.map((chance) => [
      chance,
      bins[chance].map((bin, b) => ({
        from: b / RELIABILITY_BINS,
        to: (b + 1) / RELIABILITY_BINS,
        forecasts: bin.forecasts,
        said: bin.forecasts > 0 ? bin.said / bin.forecasts : null,
        happened: bin.forecasts > 0 ? bin.happened / bin.forecasts : null,
      })),
    ]),
  ) as Record<Chance, ReliabilityBin[]>;
  const perInterval = (sum: number, h: number) => (intervalSums.scored[h] > 0 ? sum / intervalSums.scored[h] : null);
  const interval = intervalSums.scored.some((n) => n > 0)
    ? { coverage: intervalSums.inside.map(perInterval), width: intervalSums.width.map(perInterval), pinball: intervalSums.pinball.map(perInterval) }
    : undefined;
  return {
    horizons,
    refit,
    origins: total.origins,
    skippedOrigins: plan.skippedOrigins,
    fitPoints: plan.groups.length,
    stationFits: total.stationFits,
    scored,
    mae,
    answeredBy: total.answeredBy,
    brier,
    reliability,
    interval,
  };
}

export function backtest(histories: readonly StationHistory[] | ReadonlyMap<string, StationHistory>, options: BacktestOptions): BacktestResult {
  const plan = planBacktest(histories, options);
  return resultOf(plan, plan.groups.map((group) => scoreGroup(plan, group)));
}

/** Options a worker thread can be given: the default forecasters, no function. */
export type PlainBacktestOptions = Pick<BacktestOptions, 'days' | 'horizons' | 'refit' | 'prior'>;

/** The scores of the plan's fit groups that `pick` keeps, in group order: a thread's share (backtestWorkers.ts). */
export function scoreBacktestGroups(plan: BacktestPlan, pick: (index: number) => boolean): GroupScore[] {
  return plan.groups.flatMap((group, index) => (pick(index) ? [scoreGroup(plan, group)] : []));
}

/** The result of the scores of every group of the plan, in group order. */
export function backtestFromScores(plan: BacktestPlan, scores: readonly GroupScore[]): BacktestResult {
  if (scores.length !== plan.groups.length) throw new Error(`${scores.length} group scores for ${plan.groups.length} fit groups`);
  return resultOf(plan, scores);
}
