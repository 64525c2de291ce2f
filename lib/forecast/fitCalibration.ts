/**
 * Fits the chances' calibration and the interval (chanceCalibration.ts) of a system's fit: the
 * model is applied at every origin of the CALIBRATION_DAYS before the fit, started as the
 * backtest and the live path start (`originState`: the hour's first poll), and each of its 24
 * horizons whose hour is observed and before the fit is compared with what happened. At most
 * MAX_TRUST_STATIONS stations, evenly spaced, as the trust.
 *
 * The origins of each week are forecast by the station refitted without that week: a profile
 * that has seen the very hours it forecasts says their chances more sharply than it ever will of
 * hours to come, and curves fitted on such chances would keep the overconfidence they are there
 * to remove. The horizon trust is the system's, as fitted.
 */
import { CalibrationRows, errorScale, fitChanceCalibration, type ChanceCalibration } from './chanceCalibration';
import { applyStationModel, fitStation, recentExcess, type StationModel } from './forecastStation';
import { MAX_TRUST_STATIONS, type HorizonTrust } from './horizonTrust';
import { isObserved, originState, windowIndices } from './series';
import { FORECAST_HOURS, SECONDS_PER_DAY, SECONDS_PER_WEEK } from './thresholds';
import type { HourObservation, LocalHour, StationHistory } from './types';

/** The history with entries [from, to) unobserved. */
function withoutEntries(hours: readonly HourObservation[], from: number, to: number): HourObservation[] {
  return hours.map((entry, i) => (i >= from && i < to ? { ...entry, meanBikes: null, fullShare: null, emptyShare: null } : entry));
}

/** Days of origins the calibration is fitted on. */
export const CALIBRATION_DAYS = 14;
/**
 * An origin's forecasts weigh half as much a week further back: a city's habits drift (on the Oslo
 * weeks its stations were empty less often week after week), and the last week says most of the
 * next one, while the week before still gives the rare high chances their rows.
 */
export const CALIBRATION_HALF_LIFE_DAYS = 7;

export function fitCalibration(
  allStations: readonly StationHistory[],
  allFits: readonly StationModel[],
  trust: HorizonTrust | null,
  until: number,
  days = CALIBRATION_DAYS,
): ChanceCalibration | null {
  const step = Math.max(1, allStations.length / MAX_TRUST_STATIONS);
  const rows = new CalibrationRows(FORECAST_HOURS);
  const uncalibrated = trust === null ? null : { ...trust, calibration: null };
  for (let i = 0; i < Math.min(allStations.length, MAX_TRUST_STATIONS); i++) {
    const s = Math.floor(i * step);
    const { hours, capacity } = allStations[s];
    const systemFit = allFits[s];
    if (systemFit.profile === null || systemFit.decay === null) continue;
    const scale = errorScale(systemFit.decay);
    const prior = { priorPhi: systemFit.decay.priorPhi, priorPairs: systemFit.decay.priorPairs };
    const { start, end } = windowIndices(hours, until - days * SECONDS_PER_DAY, until);
    let weekEnd = -1;
    let fit: StationModel = systemFit;
    for (let o = Math.max(1, start); o < end; o++) {
      if (o >= weekEnd) {
        weekEnd = Math.min(end, windowIndices(hours, hours[o].hourStart, hours[o].hourStart + SECONDS_PER_WEEK).end);
        fit = fitStation({ capacity, hours: withoutEntries(hours, o, weekEnd) }, until, prior);
      }
      if (fit.profile === null || fit.decay === null) continue;
      const now = originState(hours, o);
      if (now === null) continue;
      const targets: LocalHour[] = [];
      for (let k = 0; k < FORECAST_HOURS && o + k < end; k++) targets.push(hours[o + k]);
      // The week before this origin's hour, not the one before the fit's `until` (after the origin: a look ahead).
      const recent = recentExcess(hours, fit.profile, o - 1);
      const forecast = applyStationModel(fit, now, targets, capacity, uncalibrated, recent);
      if (forecast.model === 'persistence') continue;
      const state = { empty: now.emptyShare >= 0.5, full: now.fullShare >= 0.5 };
      const weight = 0.5 ** ((until - hours[o].hourStart) / (CALIBRATION_HALF_LIFE_DAYS * SECONDS_PER_DAY));
      for (let index = 0; index < targets.length; index++) {
        const truth = hours[o + index];
        if (!isObserved(truth)) continue;
        rows.add(
          index + 1,
          { empty: forecast.pEmpty[index], full: forecast.pFull[index] },
          state,
          { empty: truth.emptyShare, full: truth.fullShare },
          (truth.meanBikes - forecast.bikes[index]) / scale,
          recent,
          weight,
        );
      }
    }
  }
  return fitChanceCalibration(rows);
}
