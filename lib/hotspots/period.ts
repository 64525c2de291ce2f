/**
 * The local days a period question selects and the instants they cover: the same hours of every
 * selected day, in the system's zone, so a 23- or 25-hour day counts as long as it was.
 */
import { localDayWindow, type TimeWindow } from '../calendar';

/** ISO weekday of a calendar day, 1 = Monday … 7 = Sunday (the day's own, whatever the zone). */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The calendar day `n` days after `day` (before it when n < 0). */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const nextDay = (day: string) => addDays(day, 1);

/** Every day from start to end (both included) whose ISO weekday is listed. */
export function selectedDays(start: string, end: string, weekdays: readonly number[]): string[] {
  const keep = new Set(weekdays);
  // Counted, not compared as strings: the day after 9999-12-31 is written +010000-01-01, which
  // sorts before it, and a loop on `day <= end` would never end.
  const count = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
  const days: string[] = [];
  for (let k = 0, day = start; k < count; k++, day = nextDay(day)) if (keep.has(isoWeekday(day))) days.push(day);
  return days;
}

/** The listed weekdays that occur between start and end (both included): a short period has fewer than seven. */
export function weekdaysIn(start: string, end: string, weekdays: readonly number[]): number[] {
  return [...new Set(selectedDays(start, end, weekdays).slice(0, 7).map(isoWeekday))].sort((a, b) => a - b);
}

/** Hours from..to of each day, as instants. */
export function dayWindows(days: readonly string[], from: number, to: number, timeZone: string): TimeWindow[] {
  return days.map((day) => localDayWindow(day, from, to, timeZone));
}

export const totalSeconds = (windows: readonly TimeWindow[]) => windows.reduce((sum, w) => sum + (w.end - w.start), 0);
