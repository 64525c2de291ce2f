/**
 * Local hours without hidden time-zone lookups: the forecast takes a LocalClock, and these are
 * the two ways to get one.
 */
import { localHourStart, nextLocalHourStart, zoneOffsetSeconds } from '@/lib/calendar';
import { SECONDS_PER_HOUR } from './thresholds';
import type { LocalHour, LocalHourLabel } from './types';

export interface LocalClock {
  /** Weekday and hour of the local hour containing `epochS`. */
  localHourOf(epochS: number): LocalHourLabel;
  /** Start of the local hour containing `epochS`. */
  hourStartOf(epochS: number): number;
  /** Start of the local hour after the one containing `epochS`. */
  nextHourStart(epochS: number): number;
}

function labelOfWallTime(wallSeconds: number): LocalHourLabel {
  const wall = new Date(wallSeconds * 1000);
  return { weekday: wall.getUTCDay() === 0 ? 7 : wall.getUTCDay(), hour: wall.getUTCHours() };
}

const positiveModulo = (value: number, divisor: number) => ((value % divisor) + divisor) % divisor;

/** A zone that never changes its offset (UTC: 0); for tests and fixed-offset systems. */
export function fixedOffsetClock(offsetSeconds: number): LocalClock {
  return {
    localHourOf: (epochS) => labelOfWallTime(epochS + offsetSeconds),
    hourStartOf: (epochS) => epochS - positiveModulo(epochS + offsetSeconds, SECONDS_PER_HOUR),
    nextHourStart: (epochS) => epochS - positiveModulo(epochS + offsetSeconds, SECONDS_PER_HOUR) + SECONDS_PER_HOUR,
  };
}

/** An IANA zone, through the rollups' own local hours (23- and 25-hour days included). */
export function zoneClock(timeZone: string): LocalClock {
  return {
    localHourOf: (epochS) => labelOfWallTime(epochS + zoneOffsetSeconds(epochS, timeZone)),
    hourStartOf: (epochS) => localHourStart(epochS, timeZone),
    nextHourStart: (epochS) => nextLocalHourStart(epochS, timeZone),
  };
}

/** The `count` local hours after the one starting at `hourStart`. */
export function nextLocalHours(hourStart: number, count: number, clock: LocalClock): LocalHour[] {
  const hours: LocalHour[] = [];
  let start = hourStart;
  for (let k = 0; k < count; k++) {
    start = clock.nextHourStart(start);
    hours.push({ hourStart: start, ...clock.localHourOf(start) });
  }
  return hours;
}
