/**
 * The live error of a kept forecast: at each horizon whose hour has passed, |forecast − observed
 * mean bikes of that hour| summed over the stations observed in it, for the model and both
 * baselines (the same stations for all three, as in the backtest); and the Brier sums of the
 * chances, (chance − share of the hour the station was empty / full)², for the model,
 * persistence (the state at the poll) and climatology.
 */
import type { IssuedForecast } from './types';

export type BrierSums = Record<'model' | 'persistence' | 'climatology', { empty: number; full: number }>;

export interface HorizonScore {
  /** 1..24 */
  hours: number;
  stations: number;
  modelAbsError: number;
  persistenceAbsError: number;
  seasonalAbsError: number;
  brierSums: BrierSums;
}

/** What a station held over an hour: its mean bikes and the shares of the hour it was empty and full. */
export interface ObservedHourFigures {
  bikes: number;
  emptyShare: number;
  fullShare: number;
}

/**
 * What scoring needs of a kept forecast, in typed arrays: a process keeps a day of them in memory
 * (~0.6 MB each at 1,500 stations) instead of reading 1.5 MB of JSON back every hour.
 */
export interface ScoringView {
  targets: readonly number[];
  ids: readonly string[];
  /** [station · 24 + k]; the seasonal one is NaN where it has no value. */
  model: Float64Array;
  persistence: Float64Array;
  seasonal: Float64Array;
  /** [station · 24 + k]: the model's chances, and climatology's (NaN: none, the state at the poll stands in). */
  pEmpty: Float64Array;
  pFull: Float64Array;
  climatologyEmpty: Float64Array;
  climatologyFull: Float64Array;
  /** [station]: 1 when empty (full) at the poll, else 0: persistence's chances. */
  emptyNow: Float64Array;
  fullNow: Float64Array;
}

export function scoringView(forecast: IssuedForecast): ScoringView {
  const hours = forecast.targets.length;
  const n = forecast.stations.length;
  const view: ScoringView = {
    targets: forecast.targets,
    ids: forecast.stations.map((s) => s.id),
    model: new Float64Array(n * hours),
    persistence: new Float64Array(n),
    seasonal: new Float64Array(n * hours),
    pEmpty: new Float64Array(n * hours),
    pFull: new Float64Array(n * hours),
    climatologyEmpty: new Float64Array(n * hours),
    climatologyFull: new Float64Array(n * hours),
    emptyNow: new Float64Array(n),
    fullNow: new Float64Array(n),
  };
  forecast.stations.forEach((station, i) => {
    view.persistence[i] = station.persistence;
    // A forecast issued before these were kept: the state read back from the counts.
    view.emptyNow[i] = (station.emptyNow ?? station.persistence === 0) ? 1 : 0;
    view.fullNow[i] = (station.fullNow ?? false) ? 1 : 0;
    for (let k = 0; k < hours; k++) {
      const at = i * hours + k;
      view.model[at] = station.bikes[k];
      view.seasonal[at] = station.seasonal?.[k] ?? Number.NaN;
      view.pEmpty[at] = station.pEmpty[k];
      view.pFull[at] = station.pFull[k];
      view.climatologyEmpty[at] = station.climatology?.pEmpty[k] ?? Number.NaN;
      view.climatologyFull[at] = station.climatology?.pFull[k] ?? Number.NaN;
    }
  });
  return view;
}

/**
 * `observed(stationId, hourStart)` is what the station held over the observed part of that hour,
 * or null when it was not observed. A station without a seasonal (climatology) value is scored
 * against persistence in its place, as the baselines themselves do (lib/forecast/baselines.ts).
 */
export function scoreHorizons(
  view: ScoringView,
  horizons: readonly number[],
  observed: (stationId: string, hourStart: number) => ObservedHourFigures | null,
): HorizonScore[] {
  const hoursPerStation = view.targets.length;
  return horizons.map((hours) => {
    const k = hours - 1;
    const hourStart = view.targets[k];
    const brierSums: BrierSums = { model: { empty: 0, full: 0 }, persistence: { empty: 0, full: 0 }, climatology: { empty: 0, full: 0 } };
    const score: HorizonScore = { hours, stations: 0, modelAbsError: 0, persistenceAbsError: 0, seasonalAbsError: 0, brierSums };
    view.ids.forEach((id, i) => {
      const figures = observed(id, hourStart);
      if (figures === null) return;
      const actual = figures.bikes;
      const at = i * hoursPerStation + k;
      const seasonal = view.seasonal[at];
      score.stations++;
      score.modelAbsError += Math.abs(view.model[at] - actual);
      score.persistenceAbsError += Math.abs(view.persistence[i] - actual);
      score.seasonalAbsError += Math.abs((Number.isNaN(seasonal) ? view.persistence[i] : seasonal) - actual);
      const climatologyEmpty = Number.isNaN(view.climatologyEmpty[at]) ? view.emptyNow[i] : view.climatologyEmpty[at];
      const climatologyFull = Number.isNaN(view.climatologyFull[at]) ? view.fullNow[i] : view.climatologyFull[at];
      brierSums.model.empty += (view.pEmpty[at] - figures.emptyShare) ** 2;
      brierSums.model.full += (view.pFull[at] - figures.fullShare) ** 2;
      brierSums.persistence.empty += (view.emptyNow[i] - figures.emptyShare) ** 2;
      brierSums.persistence.full += (view.fullNow[i] - figures.fullShare) ** 2;
      brierSums.climatology.empty += (climatologyEmpty - figures.emptyShare) ** 2;
      brierSums.climatology.full += (climatologyFull - figures.fullShare) ** 2;
    });
    return score;
  });
}

/** Horizons (1..24) whose hour has ended by `newestPoll`: their rollups are complete. */
export function completedHorizons(forecast: { targets: readonly number[] }, alreadyScored: number, newestPoll: number, nextHourStart: (at: number) => number): number[] {
  const done: number[] = [];
  for (let hours = alreadyScored + 1; hours <= forecast.targets.length; hours++) {
    if (nextHourStart(forecast.targets[hours - 1]) > newestPoll) break;
    done.push(hours);
  }
  return done;
}
