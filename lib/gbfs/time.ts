/**
 * GBFS timestamps to whole epoch seconds (UTC).
 * v1/v2 send POSIX integers (some as numeric strings), v3 sends RFC 3339 strings.
 */

/** 2000-01-01T00:00:00Z. Earlier "times" are placeholders (Citi Bike's 18001, Ecobici's 86400). */
export const EARLIEST_PLAUSIBLE_TIME = 946_684_800;

/**
 * How far a last_reported may run ahead of its feed's own time before we call it a clock error.
 * Generous enough for feeds that stamp stations a few seconds after the file (Rouen: +4 s).
 */
export const LAST_REPORTED_FUTURE_TOLERANCE_SECONDS = 300;

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Strict RFC 3339 (date-time with offset); fractional seconds are dropped, i.e. floored. */
export function parseRfc3339(text: string): number | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const [, , , , , , , zulu, sign, offsetHours, offsetMinutes] = match;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // second 60 is a leap second: Date.UTC rolls it over to the next minute, which is close enough.
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offsetSeconds = 0;
  if (!zulu) {
    const h = Number(offsetHours);
    const m = Number(offsetMinutes);
    if (h > 23 || m > 59) return null;
    offsetSeconds = (sign === '-' ? -1 : 1) * (h * 3600 + m * 60);
  }
  const localSeconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  return localSeconds - offsetSeconds;
}

/** Any GBFS time (integer, numeric string, RFC 3339) as whole epoch seconds, or null. */
export function parseGbfsTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (NUMERIC.test(text)) return Math.floor(Number(text));
  return parseRfc3339(text);
}

export interface ClampedTime {
  value: number | null;
  /** true when the input was moved or dropped (counted as clampedLastReported). */
  changed: boolean;
}

/**
 * Keeps a station's last_reported inside [2000-01-01, reference + tolerance]:
 * placeholders before 2000 become null, clock-skewed future values are pulled back.
 */
export function clampLastReported(
  value: number | null,
  reference: number,
  toleranceSeconds = LAST_REPORTED_FUTURE_TOLERANCE_SECONDS,
): ClampedTime {
  if (value === null) return { value: null, changed: false };
  if (value < EARLIEST_PLAUSIBLE_TIME) return { value: null, changed: true };
  const latest = reference + toleranceSeconds;
  if (value > latest) return { value: latest, changed: true };
  return { value, changed: false };
}
