/**
 * The calendar, for the server, the page and the simulator alike: ISO instants, calendar days
 * (YYYY-MM-DD) and their weekdays and arithmetic, periods of days, and the local wall-clock time
 * of an IANA zone (offsets, local hours, local days), with Intl only and no other dependency.
 *
 * Local hours are the pieces of time between "hour boundaries": the instants at which the local
 * clock reads HH:00:00, plus the instants at which the zone's UTC offset changes. For zones whose
 * offset changes by whole hours at HH:00 (all of Europe, the Americas) the second kind adds
 * nothing, and a DST day has 23 or 25 hours. Zones with 30/45-minute offsets (Asia/Kolkata,
 * Asia/Kathmandu) get boundaries at :30/:15 UTC. Lord Howe Island, whose clock moves by 30
 * minutes, gets a 30-minute local hour on its DST days instead of a 90-minute one.
 *
 * Offsets are looked up once per zone and UTC hour and kept: the hotspot credit runs for every
 * station at every poll and Intl formatting is slow. The cache assumes a zone changes its offset
 * at most once within any UTC hour, which holds for every transition in the tz database.
 */

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;
/** Bounds the memory of a long rebuild; a year of one zone is ~8,800 entries. */
const MAX_CACHED_HOURS_PER_ZONE = 200_000;

interface HourOffsets {
  /** Offset from the start of the UTC hour until `changeAt`. */
  offset: number;
  /** First second carrying `nextOffset`; the end of the hour when the offset does not change. */
  changeAt: number;
  nextOffset: number;
}

interface ZoneCache {
  format: Intl.DateTimeFormat;
  /** UTC hour index (epoch seconds / 3600) -> offset at the first second of that hour. */
  offsetAtHourStart: Map<number, number>;
  hours: Map<number, HourOffsets>;
}

const zoneCaches = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let cache = zoneCaches.get(timeZone);
  if (cache === undefined) {
    cache = {
      format: new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
      offsetAtHourStart: new Map(),
      hours: new Map(),
    };
    zoneCaches.set(timeZone, cache);
  }
  return cache;
}

/** The offset as Intl reports it, uncached. */
function intlOffsetSeconds(epochS: number, cache: ZoneCache): number {
  const fields: Record<string, string> = {};
  for (const part of cache.format.formatToParts(new Date(epochS * 1000))) fields[part.type] = part.value;
  // setUTCFullYear rather than Date.UTC, which would read years 0..99 as 1900..1999.
  const wall = new Date(0);
  wall.setUTCFullYear(Number(fields.year), Number(fields.month) - 1, Number(fields.day));
  wall.setUTCHours(Number(fields.hour), Number(fields.minute), Number(fields.second), 0);
  return wall.getTime() / 1000 - epochS;
}

function offsetAtHourStart(hourIndex: number, cache: ZoneCache): number {
  let offset = cache.offsetAtHourStart.get(hourIndex);
  if (offset === undefined) {
    offset = intlOffsetSeconds(hourIndex * SECONDS_PER_HOUR, cache);
    cache.offsetAtHourStart.set(hourIndex, offset);
  }
  return offset;
}

function hourOffsets(hourIndex: number, cache: ZoneCache): HourOffsets {
  let hour = cache.hours.get(hourIndex);
  if (hour !== undefined) return hour;
  if (cache.hours.size >= MAX_CACHED_HOURS_PER_ZONE) {
    cache.hours.clear();
    cache.offsetAtHourStart.clear();
  }
  const start = hourIndex * SECONDS_PER_HOUR;
  const end = start + SECONDS_PER_HOUR;
  const offset = offsetAtHourStart(hourIndex, cache);
  const nextOffset = offsetAtHourStart(hourIndex + 1, cache);
  let changeAt = end;
  if (nextOffset !== offset) {
    // Smallest second in (start, end] that no longer has the hour's opening offset.
    let low = start;
    let high = end;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (intlOffsetSeconds(middle, cache) === offset) low = middle;
      else high = middle;
    }
    changeAt = high;
  }
  hour = { offset, changeAt, nextOffset };
  cache.hours.set(hourIndex, hour);
  return hour;
}

function assertWholeSeconds(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be whole epoch seconds, got ${value}`);
}

function offsetIn(epochS: number, cache: ZoneCache): number {
  const hour = hourOffsets(Math.floor(epochS / SECONDS_PER_HOUR), cache);
  return epochS < hour.changeAt ? hour.offset : hour.nextOffset;
}

/** Seconds to add to UTC to get the zone's wall-clock time at `epochS`. */
export function zoneOffsetSeconds(epochS: number, timeZone: string): number {
  assertWholeSeconds('epochS', epochS);
  return offsetIn(epochS, zoneCache(timeZone));
}

/**
 * The first second in (after, upTo] whose offset differs from the offset at `after`. The caller
 * knows the offsets at both ends differ; at most one change is assumed in between.
 */
function firstOffsetChange(after: number, upTo: number, cache: ZoneCache): number {
  const offsetBefore = offsetIn(after, cache);
  let low = after;
  let high = upTo;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetIn(middle, cache) === offsetBefore) low = middle;
    else high = middle;
  }
  return high;
}

function positiveModulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

function localHourStartIn(epochS: number, cache: ZoneCache): number {
  const offset = offsetIn(epochS, cache);
  const lastFullHour = epochS - positiveModulo(epochS + offset, SECONDS_PER_HOUR);
  if (offsetIn(lastFullHour, cache) === offset) return lastFullHour;
  // The offset changed since the clock last read HH:00:00: the hour began with that change.
  return firstOffsetChange(lastFullHour, epochS, cache);
}

function nextLocalHourBoundaryIn(epochS: number, cache: ZoneCache): number {
  const offset = offsetIn(epochS, cache);
  const nextFullHour = epochS + SECONDS_PER_HOUR - positiveModulo(epochS + offset, SECONDS_PER_HOUR);
  if (offsetIn(nextFullHour, cache) === offset) return nextFullHour;
  return firstOffsetChange(epochS, nextFullHour, cache);
}

/** Start (epoch seconds) of the local hour containing `epochS`. */
export function localHourStart(epochS: number, timeZone: string): number {
  assertWholeSeconds('epochS', epochS);
  return localHourStartIn(epochS, zoneCache(timeZone));
}

/** End (exclusive, epoch seconds) of the local hour containing `epochS`. */
export function nextLocalHourStart(epochS: number, timeZone: string): number {
  assertWholeSeconds('epochS', epochS);
  return nextLocalHourBoundaryIn(epochS, zoneCache(timeZone));
}

export interface LocalHourPiece {
  /** localHourStart of every second of the piece. */
  hourStart: number;
  from: number;
  /** Exclusive. */
  to: number;
}

/** [t0, t1) cut at local hour boundaries; empty when t1 <= t0. */
export function splitAtLocalHours(t0: number, t1: number, timeZone: string): LocalHourPiece[] {
  assertWholeSeconds('t0', t0);
  assertWholeSeconds('t1', t1);
  const cache = zoneCache(timeZone);
  const pieces: LocalHourPiece[] = [];
  let from = t0;
  let hourStart = from < t1 ? localHourStartIn(from, cache) : from;
  while (from < t1) {
    const to = Math.min(nextLocalHourBoundaryIn(from, cache), t1);
    pieces.push({ hourStart, from, to });
    from = to;
    hourStart = to;
  }
  return pieces;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real day written YYYY-MM-DD (2025-02-29 is not). */
export function isValidCalendarDate(s: string): boolean {
  const match = CALENDAR_DATE.exec(s);
  if (match === null) return false;
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The local calendar day (YYYY-MM-DD) of `epochS`. */
export function localDateOf(epochS: number, timeZone: string): string {
  const wallMs = (epochS + zoneOffsetSeconds(epochS, timeZone)) * 1000;
  return new Date(wallMs).toISOString().slice(0, 10);
}

/**
 * The instant the local clock reads `wallSeconds` (a local date-time written as if it were UTC).
 * A time that occurs twice (fall back) maps to its first occurrence; a time skipped by a
 * spring-forward maps to the instant the clock jumps, so a window never starts inside a gap.
 */
function instantOfWallTime(wallSeconds: number, cache: ZoneCache): number {
  // Offsets stay within ±14 h, so every instant that could read `wallSeconds` lies inside this
  // ±1 day bracket, and the offsets at its ends are the ones before and after any change.
  const offsetBefore = offsetIn(wallSeconds - SECONDS_PER_DAY, cache);
  const offsetAfter = offsetIn(wallSeconds + SECONDS_PER_DAY, cache);
  const readingIt = [wallSeconds - offsetBefore, wallSeconds - offsetAfter].filter(
    (instant) => instant + offsetIn(instant, cache) === wallSeconds,
  );
  if (readingIt.length > 0) return Math.min(...readingIt);
  // Skipped by a spring-forward: the clock jumped over it somewhere between the instant it would
  // be under the new offset and the instant it would be under the old one.
  const early = wallSeconds - Math.max(offsetBefore, offsetAfter);
  const late = wallSeconds - Math.min(offsetBefore, offsetAfter);
  return firstOffsetChange(early, late, cache);
}

export interface TimeWindow {
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * The instants of local wall-clock hours fromHour..toHour (0..24, 24 = next local midnight) of
 * local day `date` in `timeZone`. localDayWindow(d, 0, 24, tz) is the whole day: 23, 24 or 25 h.
 */
export function localDayWindow(date: string, fromHour: number, toHour: number, timeZone: string): TimeWindow {
  if (!isValidCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  for (const hour of [fromHour, toHour]) {
    if (!Number.isInteger(hour) || hour < 0 || hour > 24) throw new RangeError(`hour must be 0..24, got ${hour}`);
  }
  if (fromHour >= toHour) throw new RangeError(`fromHour (${fromHour}) must be before toHour (${toHour})`);
  const [year, month, day] = date.split('-').map(Number);
  const midnightWall = Date.UTC(year, month - 1, day) / 1000;
  const cache = zoneCache(timeZone);
  return {
    start: instantOfWallTime(midnightWall + fromHour * SECONDS_PER_HOUR, cache),
    end: instantOfWallTime(midnightWall + toHour * SECONDS_PER_HOUR, cache),
  };
}

/** Hours from..to of each day, as instants. */
export function dayWindows(days: readonly string[], from: number, to: number, timeZone: string): TimeWindow[] {
  return days.map((day) => localDayWindow(day, from, to, timeZone));
}

export const totalSeconds = (windows: readonly TimeWindow[]) => windows.reduce((sum, w) => sum + (w.end - w.start), 0);

export interface LocalClockReading {
  /** Days since 1970-01-01 of the local calendar day (Parquet's DATE). */
  day: number;
  /** The hour the local clock reads, 0-23: a fall-back day reads one hour twice, a spring-forward day skips one. */
  hour: number;
}

/** The local day and hour `epochS` falls in (a fraction of a second is kept, and floored with it). */
export function localClockAt(epochS: number, timeZone: string): LocalClockReading {
  const wall = epochS + zoneOffsetSeconds(Math.floor(epochS), timeZone);
  const day = Math.floor(wall / SECONDS_PER_DAY);
  return { day, hour: Math.floor((wall - day * SECONDS_PER_DAY) / SECONDS_PER_HOUR) };
}

/** ISO instants of epoch seconds, as every answer and log line writes them. */
export function isoTime(epochSeconds: number): string;
export function isoTime(epochSeconds: number | null): string | null;
export function isoTime(epochSeconds: number | null): string | null {
  return epochSeconds === null ? null : new Date(epochSeconds * 1000).toISOString();
}

/*
 * Calendar days, whatever the zone: a day YYYY-MM-DD is the UTC day of that name, so every day
 * lasts 86,400 s here and day arithmetic is exact. Past 9999-12-31 a day is written
 * +010000-01-01, which sorts before it: walk a range of days by counting them (daysInPeriod),
 * never by comparing the strings.
 */
const MS_PER_DAY = SECONDS_PER_DAY * 1000;
const msOfDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** YYYY-MM-DD of days since 1970-01-01. */
export function calendarDay(day: number): string {
  return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day, 1 = Monday … 7 = Sunday (the day's own, whatever the zone). */
export function isoWeekday(day: string): number {
  const weekday = new Date(msOfDay(day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The calendar day `n` days after `day` (before it when n < 0). */
export const addDays = (day: string, n: number) => new Date(msOfDay(day) + n * MS_PER_DAY).toISOString().slice(0, 10);

/** Days from `start` to `end`, both counted: 1 for a single day, 0 or less when end is before start. */
export function daysInPeriod(start: string, end: string): number {
  return (msOfDay(end) - msOfDay(start)) / MS_PER_DAY + 1;
}

/** Every day from start to end (both included) whose ISO weekday is listed. */
export function selectedDays(start: string, end: string, weekdays: readonly number[]): string[] {
  const keep = new Set(weekdays);
  const count = daysInPeriod(start, end);
  const days: string[] = [];
  for (let k = 0, day = start; k < count; k++, day = addDays(day, 1)) if (keep.has(isoWeekday(day))) days.push(day);
  return days;
}

/** The listed weekdays that occur between start and end (both included): a short period has fewer than seven. */
export function weekdaysIn(start: string, end: string, weekdays: readonly number[]): number[] {
  return [...new Set(selectedDays(start, end, weekdays).slice(0, 7).map(isoWeekday))].sort((a, b) => a - b);
}
