/** Wall-clock helpers for the system's own time zone (the daily wave and RFC 3339 strings). */

export interface LocalClock {
  /** Fractional hour of the local day, 0 <= hour < 24. */
  hour: number;
  /** 0 = Sunday ... 6 = Saturday, local. */
  weekday: number;
  /** Local time minus UTC, minutes. */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localClock(epochSeconds: number, timeZone: string): LocalClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochSeconds * 1000));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const [year, month, day] = [Number(get('year')), Number(get('month')), Number(get('day'))];
  const [hour, minute, second] = [Number(get('hour')) % 24, Number(get('minute')), Number(get('second'))];
  const localAsUtc = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  return {
    hour: hour + minute / 60 + second / 3600,
    weekday: WEEKDAYS.indexOf(get('weekday')),
    offsetMinutes: Math.round((localAsUtc - Math.floor(epochSeconds)) / 60),
  };
}

/**
 * RFC 3339 with the zone's own offset ("2025-10-18T11:09:16+02:00"), as GBFS 3.0 feeds publish it:
 * a parser that ignores the offset gets the wrong instant.
 */
export function rfc3339(epochSeconds: number, timeZone: string): string {
  const seconds = Math.floor(epochSeconds);
  const offset = offsetMinutesCached(seconds, timeZone);
  const local = new Date((seconds + offset * 60) * 1000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

// Offsets only change on quarter-hour boundaries, so one lookup per quarter hour is exact and
// keeps rendering 1,500 v3 timestamps cheap.
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 4096;

function offsetMinutesCached(epochSeconds: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(epochSeconds / 900)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  const offset = localClock(Math.floor(epochSeconds / 900) * 900, timeZone).offsetMinutes;
  offsetCache.set(key, offset);
  return offset;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
