/**
 * A system's model: every station fitted on the hours before `until`, its decay shrunk toward the
 * phi pooled over the whole system (a quiet station borrows the system's persistence, not an
 * arbitrary constant). Each station is fitted once: pooling only changes the shrinkage.
 */
import { pooledDecay, shrunkDecay } from './decay';
import { fitStation, type ForecastOptions, type StationModel } from './forecastStation';
import { fitCalibration } from './fitCalibration';
import { fitHorizonTrust, type HorizonTrust } from './horizonTrust';
import type { StationHistory } from './types';

/**
 * The stations' models fitted together. With `options.priorPhi` given, each station is shrunk
 * toward it; otherwise toward the phi pooled over these stations (DEFAULT_PRIOR_PHI when none of
 * them ever deviated).
 */
export function fitStations(stations: readonly StationHistory[], until: number, options: ForecastOptions = {}): StationModel[] {
  const fits = stations.map((station) => fitStation(station, until, options));
  if (options.priorPhi !== undefined) return fits;
  const priorPhi = pooledDecay(fits.flatMap((fit) => (fit.decay ? [fit.decay] : [])));
  if (priorPhi === null) return fits;
  return fits.map((fit) => (fit.decay === null ? fit : { ...fit, decay: shrunkDecay(fit.decay, { priorPhi, priorPairs: options.priorPairs }) }));
}

/** The stations' fits and the trust (with the chances' calibration) fitted over all of them: what the backtest and the live path apply. */
export interface SystemModel {
  stations: StationModel[];
  trust: HorizonTrust | null;
}

export function fitStationsWithTrust(stations: readonly StationHistory[], until: number, options: ForecastOptions = {}): SystemModel {
  const fits = fitStations(stations, until, options);
  const inputs = fits.map((fit) => ({ profile: fit.profile, phi: fit.decay?.phi ?? null }));
  const trust = fitHorizonTrust(stations, inputs, until);
  // The chances are calibrated on the forecasts the fitted β give, so after them.
  const calibration = fitCalibration(stations, fits, trust, until);
  if (calibration === null) return { stations: fits, trust };
  return { stations: fits, trust: { ...(trust ?? { rows: 0, pooled: [], groups: [] }), calibration } };
}

/** fitStationsWithTrust of a system's stations by id. */
export function fitSystemModel(histories: ReadonlyMap<string, StationHistory>, until: number): { stations: Map<string, StationModel>; trust: HorizonTrust | null } {
  const ids = [...histories.keys()];
  const { stations, trust } = fitStationsWithTrust([...histories.values()], until);
  return { stations: new Map(ids.map((id, i) => [id, stations[i]])), trust };
}
