/**
 * The local days a period question selects and the instants they cover: the same hours of every
 * selected day, in the system's zone, so a 23- or 25-hour day counts as long as it was.
 */
import { localDayWindow, type TimeWindow } from './localTime';

/** ISO weekday of a calendar day, 1 = Monday … 7 = Sunday (the day's own, whatever the zone). */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Every day from start to end (both included) whose ISO weekday is listed. */
export function selectedDays(start: string, end: string, weekdays: readonly number[]): string[] {
  const keep = new Set(weekdays);
  const days: string[] = [];
  for (let day = start; day <= end; day = nextDay(day)) if (keep.has(isoWeekday(day))) days.push(day);
  return days;
}

/** Hours from..to of each day, as instants. */
export function dayWindows(days: readonly string[], from: number, to: number, timeZone: string): TimeWindow[] {
  return days.map((day) => localDayWindow(day, from, to, timeZone));
}

/** Windows that touch joined into one (whole days in a row become one range: one index scan). */
export function mergeWindows(windows: readonly TimeWindow[]): TimeWindow[] {
  const merged: TimeWindow[] = [];
  for (const window of [...windows].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return merged;
}

export const totalSeconds = (windows: readonly TimeWindow[]) => windows.reduce((sum, w) => sum + (w.end - w.start), 0);
