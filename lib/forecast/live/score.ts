/**
 * The live error of a kept forecast: at each horizon whose hour has passed, |forecast − observed
 * mean bikes of that hour| summed over the stations observed in it, for the model and both
 * baselines (the same stations for all three, as in the backtest).
 */
import type { IssuedForecast } from './types';

export interface HorizonScore {
  /** 1..24 */
  hours: number;
  stations: number;
  modelAbsError: number;
  persistenceAbsError: number;
  seasonalAbsError: number;
}

/**
 * `observed(stationId, hourStart)` is the station's mean bikes over the observed part of that hour,
 * or null when it was not observed. A station without a seasonal value is scored against
 * persistence in its place, as the seasonal baseline itself does (lib/forecast/baselines.ts).
 */
export function scoreHorizons(
  forecast: IssuedForecast,
  horizons: readonly number[],
  observed: (stationId: string, hourStart: number) => number | null,
): HorizonScore[] {
  return horizons.map((hours) => {
    const k = hours - 1;
    const hourStart = forecast.targets[k];
    const score: HorizonScore = { hours, stations: 0, modelAbsError: 0, persistenceAbsError: 0, seasonalAbsError: 0 };
    for (const station of forecast.stations) {
      const actual = observed(station.id, hourStart);
      if (actual === null) continue;
      score.stations++;
      score.modelAbsError += Math.abs(station.bikes[k] - actual);
      score.persistenceAbsError += Math.abs(station.persistence - actual);
      score.seasonalAbsError += Math.abs((station.seasonal[k] ?? station.persistence) - actual);
    }
    return score;
  });
}

/** Horizons (1..24) whose hour has ended by `newestPoll`: their rollups are complete. */
export function completedHorizons(forecast: IssuedForecast, alreadyScored: number, newestPoll: number, nextHourStart: (at: number) => number): number[] {
  const done: number[] = [];
  for (let hours = alreadyScored + 1; hours <= forecast.targets.length; hours++) {
    if (nextHourStart(forecast.targets[hours - 1]) > newestPoll) break;
    done.push(hours);
  }
  return done;
}
