/** The live origin: the newest poll of a station as the forecast's current state and next hours. */
import { nextLocalHours, type LocalClock } from './clock';
import { FORECAST_HOURS } from './thresholds';
import type { LocalHour, StationNow } from './types';

export interface PolledCounts {
  /** Feed time of the poll, epoch seconds. */
  at: number;
  bikes: number;
  docks: number;
}

/**
 * Full and empty are yes-or-no at one instant: shares of 1 or 0. `previousHourMean`: the station's
 * mean bikes over the local hour before the poll's (null: not observed), for the trend.
 */
export function nowFromPoll(poll: PolledCounts, clock: LocalClock, previousHourMean: number | null = null): StationNow {
  const hourStart = clock.hourStartOf(poll.at);
  return countsAt({ hourStart, ...clock.localHourOf(poll.at), secondsIntoHour: poll.at - hourStart }, poll, previousHourMean);
}

/** The poll's hour, shared by every station of one poll (labelling it costs more than the rest). */
export type PollHour = Omit<StationNow, 'bikes' | 'fullShare' | 'emptyShare' | 'trend'>;

/** A station's state now, in the hour of its poll (`nowFromPoll` of a poll whose hour is already labelled). */
export function countsAt(hour: PollHour, poll: Pick<PolledCounts, 'bikes' | 'docks'>, previousHourMean: number | null = null): StationNow {
  return {
    ...hour,
    bikes: poll.bikes,
    fullShare: poll.docks === 0 ? 1 : 0,
    emptyShare: poll.bikes === 0 ? 1 : 0,
    trend: previousHourMean === null ? 0 : poll.bikes - previousHourMean,
  };
}

/** The whole hours a forecast from `now` covers: the FORECAST_HOURS local hours after its own. */
export const forecastHours = (now: StationNow, clock: LocalClock, count = FORECAST_HOURS): LocalHour[] =>
  nextLocalHours(now.hourStart, count, clock);
