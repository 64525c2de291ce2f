/**
 * The forecast of every station from the newest poll and the fitted models: what is computed once
 * after each poll and kept (lib/forecast/afterPoll.ts).
 */
import type { LocalClock } from '../clock';
import { applyStationModel, type StationModel } from '../forecastStation';
import type { HorizonTrust } from '../horizonTrust';
import { countsAt, forecastHours, nowFromPoll } from '../nowFromPoll';
import type { ModelName } from '../types';
import type { IssuedForecast, IssuedStation } from './types';

export interface StationNowInput {
  id: string;
  name: string;
  h3: string;
  capacity: number;
  bikes: number;
  docks: number;
  /** Mean bikes over the local hour before the poll's; null or absent when not observed. */
  previousHourMean?: number | null;
}

/** What a station fit keeps besides the model: the plain seasonal baseline, bikes per weekday × hour (index (weekday − 1) · 24 + hour). */
export interface StoredStationFit {
  model: StationModel;
  seasonal: (number | null)[] | null;
  /** The chances' baseline: the station's share of empty (full) time per hour of day over the 28 days before the fit; absent in a fit stored before. */
  climatology?: { pEmpty: (number | null)[]; pFull: (number | null)[] } | null;
}

export interface FitSummary {
  fittedAt: number;
  historyStart: number;
  historyEnd: number;
  /** The system's horizon trust; null or absent: the plain decay model. */
  trust?: HorizonTrust | null;
}

const twoDecimals = (value: number) => Math.round(value * 100) / 100;
const threeDecimals = (value: number) => Math.round(value * 1000) / 1000;
const roundOrNull = (value: number | null | undefined) => (value === null || value === undefined ? null : threeDecimals(value));
const NO_FIT: StationModel = { model: 'persistence', until: 0, historyDays: 0, profile: null, decay: null };

/**
 * `withBaselines`: include what the live scoring compares with (the seasonal mean and
 * climatology at each hour): only the forecast kept for scoring (the first of its local hour)
 * needs them, and without them the other polls' forecasts are half the size to write.
 */
export function issueForecast(
  feedTime: number,
  stations: readonly StationNowInput[],
  fits: ReadonlyMap<string, StoredStationFit>,
  fit: FitSummary,
  clock: LocalClock,
  withBaselines = true,
): IssuedForecast {
  const answeredBy: Partial<Record<ModelName, number>> = {};
  // Every station of a poll is in the same hour and forecasts the same hours: labelled once.
  const pollHour = nowFromPoll({ at: feedTime, bikes: 0, docks: 0 }, clock);
  const hours = forecastHours(pollHour, clock);
  const targets = hours.map((hour) => hour.hourStart);
  const issued = stations.map((station): IssuedStation => {
    const now = countsAt(pollHour, station, station.previousHourMean ?? null);
    // A station listed after the fit has no history in it: persistence, said so.
    const stored = fits.get(station.id);
    const forecast = applyStationModel(stored?.model ?? NO_FIT, now, hours, station.capacity, fit.trust ?? null);
    answeredBy[forecast.model] = (answeredBy[forecast.model] ?? 0) + 1;
    const answer: IssuedStation = {
      id: station.id,
      name: station.name,
      h3: station.h3,
      capacity: station.capacity,
      model: forecast.model,
      bikes: forecast.bikes.map(twoDecimals),
      pFull: forecast.pFull.map(threeDecimals),
      pEmpty: forecast.pEmpty.map(threeDecimals),
      bikesLow: forecast.bikesLow,
      bikesHigh: forecast.bikesHigh,
      fullNow: station.docks === 0,
      emptyNow: station.bikes === 0,
      persistence: station.bikes,
    };
    if (!withBaselines) return answer;
    const seasonal = stored?.seasonal ?? null;
    return {
      ...answer,
      seasonal: hours.map((hour) => seasonal?.[(hour.weekday - 1) * 24 + hour.hour] ?? null),
      climatology: {
        pEmpty: hours.map((hour) => roundOrNull(stored?.climatology?.pEmpty[hour.hour])),
        pFull: hours.map((hour) => roundOrNull(stored?.climatology?.pFull[hour.hour])),
      },
    };
  });
  return { issuedAt: feedTime, targets, model: { fittedAt: fit.fittedAt, historyStart: fit.historyStart, historyEnd: fit.historyEnd, answeredBy }, stations: issued };
}
