/**
 * The local day and hour an exported instant falls in, in the system's zone, computed as the rest
 * of the app computes them (lib/calendar.ts) so that an export and the map agree.
 */
import { zoneOffsetSeconds } from '@/lib/calendar';

const SECONDS_PER_DAY = 86_400;
const SECONDS_PER_HOUR = 3_600;

export interface LocalClockReading {
  /** Days since 1970-01-01 of the local calendar day (Parquet's DATE). */
  day: number;
  /** The hour the local clock reads, 0-23: a fall-back day reads one hour twice, a spring-forward day skips one. */
  hour: number;
}

export function localClockAt(epochS: number, timeZone: string): LocalClockReading {
  const wall = epochS + zoneOffsetSeconds(Math.floor(epochS), timeZone);
  const day = Math.floor(wall / SECONDS_PER_DAY);
  return { day, hour: Math.floor((wall - day * SECONDS_PER_DAY) / SECONDS_PER_HOUR) };
}

/** YYYY-MM-DD of days since 1970-01-01. */
export function calendarDay(day: number): string {
  return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}
