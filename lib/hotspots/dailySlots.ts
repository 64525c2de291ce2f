/**
 * The slots of the daily tier (station_daily; db/schema.ts says what its rows sum): slot k of a
 * local day holds the local hours that start inside localDayWindow(day, k, k + 1). An hour
 * window from..to of a day is then exactly slots from..to-1, in every zone:
 * - the spring-forward day's skipped hour leaves its slot empty (Paris: slot 2);
 * - the fall-back day's repeated hour puts both hours in one slot (Paris: the two 02:00 in slot 2),
 *   as localDayWindow(day, 2, 3) spans both;
 * - zones at :30 offsets (Asia/Kolkata) start their local hours at :30 UTC, still one per slot;
 * - a 30-minute shift (Lord Howe) or a 2-hour fall-back leaves several pieces in one slot, as
 *   the window of that hour holds them.
 * Slots are defined by the windows themselves, not by reading the local clock, so the tier
 * answers exactly what the hourly rollups answer for the same window.
 */
import { addFigures } from './credit';
import { addDays, localDateOf, localDayWindow } from '../calendar';
import type { HourlyFigures, WindowFigures } from './types';

export const SLOTS_PER_DAY = 24;

/** Bounds the memory of a long rebuild; ten years of one zone are ~3,700 entries. */
const MAX_CACHED_DAYS = 20_000;
const slotStartCache = new Map<string, number[]>();

/**
 * The instants slots 0..23 of `day` start at, then the day's end (25 entries, non-decreasing:
 * a skipped hour's slot starts where the next one does).
 */
export function slotStarts(day: string, timeZone: string): readonly number[] {
  const key = `${timeZone}|${day}`;
  let starts = slotStartCache.get(key);
  if (starts === undefined) {
    if (slotStartCache.size >= MAX_CACHED_DAYS) slotStartCache.clear();
    starts = Array.from({ length: SLOTS_PER_DAY }, (_, k) => localDayWindow(day, k, k + 1, timeZone).start);
    starts.push(localDayWindow(day, 0, SLOTS_PER_DAY, timeZone).end);
    slotStartCache.set(key, starts);
  }
  return starts;
}

export interface DaySlot {
  /** The local day (YYYY-MM-DD) whose window holds the instant. */
  day: string;
  slot: number;
}

/** Slot of an instant inside its day: how many of slots 1..23 have started by then (SQL: width_bucket). */
export function slotAt(instant: number, starts: readonly number[]): number {
  let slot = 0;
  while (slot + 1 < SLOTS_PER_DAY && starts[slot + 1] <= instant) slot++;
  return slot;
}

/** The day and slot of a local hour starting at `hourStart`. */
export function localDaySlot(hourStart: number, timeZone: string): DaySlot {
  // The local calendar date can differ from the day whose window holds the instant only around
  // a transition at midnight; the windows decide.
  let day = localDateOf(hourStart, timeZone);
  let starts = slotStarts(day, timeZone);
  if (hourStart < starts[0] || hourStart >= starts[SLOTS_PER_DAY]) {
    day = addDays(day, hourStart < starts[0] ? -1 : 1);
    starts = slotStarts(day, timeZone);
  }
  return { day, slot: slotAt(hourStart, starts) };
}

/** Integrals of one station in one cell, credited to one slot of one local day. */
export interface SlotFigures extends WindowFigures, DaySlot {}

/** Hourly rows as daily-tier credits, one per (day, slot, station, cell): a fall-back slot's two hours summed. */
export function slotFigures(rows: Iterable<HourlyFigures>, timeZone: string): SlotFigures[] {
  const bySlot = new Map<string, SlotFigures>();
  // A poll's rows share one or two hour starts.
  const slotOfHour = new Map<number, DaySlot>();
  for (const { hourStart, ...figures } of rows) {
    let daySlot = slotOfHour.get(hourStart);
    if (daySlot === undefined) slotOfHour.set(hourStart, (daySlot = localDaySlot(hourStart, timeZone)));
    const { day, slot } = daySlot;
    // NUL cannot occur in a GBFS id or an H3 string, so joined keys cannot collide.
    const key = `${day}\u0000${slot}\u0000${figures.stationId}\u0000${figures.h3}`;
    const existing = bySlot.get(key);
    bySlot.set(key, existing === undefined ? { ...figures, day, slot } : addFigures(existing, figures));
  }
  return [...bySlot.values()];
}

export interface DayCredit {
  day: string;
  /**
   * Credits of the day in rounds, each touching a (station, cell) at most once: one statement
   * adds a round, and a statement may update a row only once (a poll that crosses an hour
   * boundary credits two slots of the same row).
   */
  rounds: SlotFigures[][];
}

/** A poll's credits grouped by local day, oldest day first: a day's running totals start from the day before. */
export function creditByDay(credits: readonly SlotFigures[]): DayCredit[] {
  const days = new Map<string, Map<string, SlotFigures[]>>();
  for (const credit of credits) {
    let series = days.get(credit.day);
    if (series === undefined) days.set(credit.day, (series = new Map()));
    const key = `${credit.stationId}\u0000${credit.h3}`;
    const seriesCredits = series.get(key);
    if (seriesCredits === undefined) series.set(key, [credit]);
    else seriesCredits.push(credit);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, series]) => {
      const rounds: SlotFigures[][] = [];
      for (const credits of series.values()) {
        credits.forEach((credit, i) => (rounds[i] ??= []).push(credit));
      }
      return { day, rounds };
    });
}
