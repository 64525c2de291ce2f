import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDay,
  dayWindows,
  daysInPeriod,
  isoTime,
  isoWeekday,
  isValidCalendarDate,
  localClockAt,
  localDateOf,
  localDayWindow,
  localHourStart,
  nextLocalHourStart,
  selectedDays,
  splitAtLocalHours,
  totalSeconds,
  weekdaysIn,
  zoneOffsetSeconds,
} from './calendar';
import { PARIS, at } from '../test/support/testPolls';

const HOUR = 3600;
const hoursOf = (window: { start: number; end: number }) => (window.end - window.start) / HOUR;

describe('local days in Europe/Paris', () => {
  it('has 24 hours on an ordinary day, starting at local midnight', () => {
    const day = localDayWindow('2025-06-10', 0, 24, PARIS);
    expect(day).toEqual({ start: at('2025-06-10T00:00+02:00'), end: at('2025-06-11T00:00+02:00') });
    expect(hoursOf(day)).toBe(24);
  });

  it('has 23 hours on 2025-03-30 (spring forward)', () => {
    const day = localDayWindow('2025-03-30', 0, 24, PARIS);
    expect(day).toEqual({ start: at('2025-03-30T00:00+01:00'), end: at('2025-03-31T00:00+02:00') });
    expect(hoursOf(day)).toBe(23);
    expect(splitAtLocalHours(day.start, day.end, PARIS)).toHaveLength(23);
  });

  it('has 25 hours on 2025-10-26 (fall back)', () => {
    const day = localDayWindow('2025-10-26', 0, 24, PARIS);
    expect(day).toEqual({ start: at('2025-10-26T00:00+02:00'), end: at('2025-10-27T00:00+01:00') });
    expect(hoursOf(day)).toBe(25);
    expect(splitAtLocalHours(day.start, day.end, PARIS)).toHaveLength(25);
  });

  it('maps the skipped 02:00 of 2025-03-30 to the jump, so hours 2–3 are empty', () => {
    const jump = at('2025-03-30T03:00+02:00');
    expect(localDayWindow('2025-03-30', 2, 3, PARIS)).toEqual({ start: jump, end: jump });
    expect(localDayWindow('2025-03-30', 1, 3, PARIS)).toEqual({ start: at('2025-03-30T01:00+01:00'), end: jump });
  });

  it('maps the repeated 02:00 of 2025-10-26 to its first occurrence, so hours 2–3 last 2 h', () => {
    const window = localDayWindow('2025-10-26', 2, 3, PARIS);
    expect(window).toEqual({ start: at('2025-10-26T02:00+02:00'), end: at('2025-10-26T03:00+01:00') });
    expect(hoursOf(window)).toBe(2);
  });

  it('splits an interval across the spring-forward jump into local hours 01 and 03', () => {
    const from = at('2025-03-30T01:50+01:00');
    const to = at('2025-03-30T03:05+02:00');
    expect(to - from).toBe(15 * 60);
    expect(splitAtLocalHours(from, to, PARIS)).toEqual([
      { hourStart: at('2025-03-30T01:00+01:00'), from, to: at('2025-03-30T03:00+02:00') },
      { hourStart: at('2025-03-30T03:00+02:00'), from: at('2025-03-30T03:00+02:00'), to },
    ]);
  });

  it('splits an interval across the fall-back into the two local hours 02 (CEST, then CET)', () => {
    const from = at('2025-10-26T02:50+02:00');
    const to = at('2025-10-26T02:05+01:00');
    expect(to - from).toBe(15 * 60);
    expect(splitAtLocalHours(from, to, PARIS)).toEqual([
      { hourStart: at('2025-10-26T02:00+02:00'), from, to: at('2025-10-26T02:00+01:00') },
      { hourStart: at('2025-10-26T02:00+01:00'), from: at('2025-10-26T02:00+01:00'), to },
    ]);
  });

  it('gives the offsets on both sides of a change', () => {
    expect(zoneOffsetSeconds(at('2025-03-30T01:59:59+01:00'), PARIS)).toBe(HOUR);
    expect(zoneOffsetSeconds(at('2025-03-30T03:00+02:00'), PARIS)).toBe(2 * HOUR);
    expect(zoneOffsetSeconds(at('2025-10-26T02:59:59+02:00'), PARIS)).toBe(2 * HOUR);
    expect(zoneOffsetSeconds(at('2025-10-26T02:00+01:00'), PARIS)).toBe(HOUR);
  });
});

describe('zones with 30- and 45-minute offsets', () => {
  it('splits Asia/Kolkata (+05:30) at :30 UTC', () => {
    const from = at('2025-06-10T04:20Z');
    const to = at('2025-06-10T04:35Z');
    expect(splitAtLocalHours(from, to, 'Asia/Kolkata')).toEqual([
      { hourStart: at('2025-06-10T03:30Z'), from, to: at('2025-06-10T04:30Z') },
      { hourStart: at('2025-06-10T04:30Z'), from: at('2025-06-10T04:30Z'), to },
    ]);
    expect(localDayWindow('2025-06-10', 0, 24, 'Asia/Kolkata')).toEqual({
      start: at('2025-06-09T18:30Z'),
      end: at('2025-06-10T18:30Z'),
    });
  });

  it('splits Asia/Kathmandu (+05:45) at :15 UTC', () => {
    expect(localHourStart(at('2025-06-10T04:14:59Z'), 'Asia/Kathmandu')).toBe(at('2025-06-10T03:15Z'));
    expect(localHourStart(at('2025-06-10T04:15Z'), 'Asia/Kathmandu')).toBe(at('2025-06-10T04:15Z'));
    expect(localDayWindow('2025-06-10', 8, 9, 'Asia/Kathmandu')).toEqual({
      start: at('2025-06-10T08:00+05:45'),
      end: at('2025-06-10T09:00+05:45'),
    });
  });

  it('cuts the Lord Howe 30-minute DST change into a 30-minute local hour', () => {
    // 2025-10-05 02:00 +10:30 became 02:30 +11:00.
    const jump = at('2025-10-05T02:30+11:00');
    const pieces = splitAtLocalHours(at('2025-10-05T01:30+10:30'), at('2025-10-05T03:30+11:00'), 'Australia/Lord_Howe');
    expect(pieces.map(({ hourStart, from, to }) => [hourStart, (to - from) / 60])).toEqual([
      [at('2025-10-05T01:00+10:30'), 30],
      [jump, 30],
      [at('2025-10-05T03:00+11:00'), 30],
    ]);
    expect(hoursOf(localDayWindow('2025-10-05', 0, 24, 'Australia/Lord_Howe'))).toBe(23.5);
  });
});

describe('offset changes that do not fall on a local hour', () => {
  const LORD_HOWE = 'Australia/Lord_Howe';
  const CHATHAM = 'Pacific/Chatham';

  it('starts the local hour at the change when it comes after the last HH:00 (Lord Howe, ±30 min)', () => {
    // 2025-10-05 02:00 +10:30 became 02:30 +11:00; 2025-04-06 02:00 +11:00 became 01:30 +10:30.
    expect(localHourStart(at('2025-10-05T02:45+11:00'), LORD_HOWE)).toBe(at('2025-10-05T02:30+11:00'));
    expect(localHourStart(at('2025-04-06T01:45+10:30'), LORD_HOWE)).toBe(at('2025-04-06T01:30+10:30'));
    expect(localHourStart(at('2025-04-06T01:45+11:00'), LORD_HOWE)).toBe(at('2025-04-06T01:00+11:00'));
  });

  it('ends a local hour at a change that comes before the next HH:00 (Chatham, 02:45 → 03:45)', () => {
    const jump = at('2025-09-28T03:45+13:45');
    expect(jump).toBe(at('2025-09-28T02:45+12:45'));
    expect(nextLocalHourStart(at('2025-09-28T02:30+12:45'), CHATHAM)).toBe(jump);
    const pieces = splitAtLocalHours(at('2025-09-28T02:30+12:45'), at('2025-09-28T04:30+13:45'), CHATHAM);
    expect(pieces.map(({ hourStart, from, to }) => [hourStart, from, (to - from) / 60])).toEqual([
      [at('2025-09-28T02:00+12:45'), at('2025-09-28T02:30+12:45'), 15],
      [jump, jump, 15],
      [at('2025-09-28T04:00+13:45'), at('2025-09-28T04:00+13:45'), 30],
    ]);
    expect(hoursOf(localDayWindow('2025-09-28', 0, 24, CHATHAM))).toBe(23);
    // 03:00 never happened: the window of hour 3 opens at the jump.
    expect(localDayWindow('2025-09-28', 2, 3, CHATHAM)).toEqual({ start: at('2025-09-28T02:00+12:45'), end: jump });
    expect(localDayWindow('2025-09-28', 3, 4, CHATHAM)).toEqual({ start: jump, end: at('2025-09-28T04:00+13:45') });
  });

  it('cuts the Chatham fall-back (03:45 → 02:45) at the change', () => {
    const change = at('2025-04-06T03:45+13:45');
    const pieces = splitAtLocalHours(at('2025-04-06T03:30+13:45'), at('2025-04-06T03:30+12:45'), CHATHAM);
    expect(pieces.map(({ hourStart, from, to }) => [hourStart, from, (to - from) / 60])).toEqual([
      [at('2025-04-06T03:00+13:45'), at('2025-04-06T03:30+13:45'), 15],
      [change, change, 15],
      [at('2025-04-06T03:00+12:45'), at('2025-04-06T03:00+12:45'), 30],
    ]);
    expect(localHourStart(at('2025-04-06T02:50+12:45'), CHATHAM)).toBe(change);
  });
});

describe('calendar dates', () => {
  it('accepts real days only', () => {
    expect(isValidCalendarDate('2024-02-29')).toBe(true);
    expect(isValidCalendarDate('2025-02-29')).toBe(false);
    expect(isValidCalendarDate('2025-13-01')).toBe(false);
    expect(isValidCalendarDate('2025-6-1')).toBe(false);
    expect(isValidCalendarDate('2025-06-10T00:00')).toBe(false);
  });

  it('names the local day of an instant', () => {
    expect(localDateOf(at('2025-06-09T22:00Z'), PARIS)).toBe('2025-06-10');
    expect(localDateOf(at('2025-06-09T21:59:59Z'), PARIS)).toBe('2025-06-09');
  });

  it('rejects bad windows', () => {
    expect(() => localDayWindow('2025-02-30', 0, 24, PARIS)).toThrow(RangeError);
    expect(() => localDayWindow('2025-06-10', 5, 5, PARIS)).toThrow(RangeError);
    expect(() => localDayWindow('2025-06-10', 0, 25, PARIS)).toThrow(RangeError);
    expect(() => localDayWindow('2025-06-10', 1.5, 3, PARIS)).toThrow(RangeError);
  });
});

describe('the days and instants of a period', () => {
  it('numbers weekdays as ISO does (1 = Monday)', () => {
    expect(['2026-03-23', '2026-03-28', '2026-03-29'].map(isoWeekday)).toEqual([1, 6, 7]);
  });

  it('keeps the listed weekdays of the period, both ends included, across a month end', () => {
    expect(selectedDays('2026-03-27', '2026-04-02', [6, 7])).toEqual(['2026-03-28', '2026-03-29']);
    expect(selectedDays('2026-03-30', '2026-04-01', [1, 2, 3, 4, 5, 6, 7])).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
    expect(selectedDays('2026-03-30', '2026-03-30', [7])).toEqual([]);
  });

  it('counts a DST week at its true length: the 23-hour day of Paris included', () => {
    const week = dayWindows(selectedDays('2026-03-23', '2026-03-29', [1, 2, 3, 4, 5, 6, 7]), 0, 24, 'Europe/Paris');
    expect(totalSeconds(week)).toBe((7 * 24 - 1) * 3600);
  });

  it('keeps the same hours of every day apart', () => {
    const mornings = dayWindows(['2026-03-28', '2026-03-29'], 7, 10, 'Europe/Paris');
    // 07:00 CET is 06:00 UTC on Saturday, 07:00 CEST is 05:00 UTC on Sunday.
    expect(mornings.map((w) => new Date(w.start * 1000).toISOString())).toEqual(['2026-03-28T06:00:00.000Z', '2026-03-29T05:00:00.000Z']);
    expect(totalSeconds(mornings)).toBe(6 * 3600);
  });

  it('names the weekdays a period holds', () => {
    expect(weekdaysIn('2026-03-28', '2026-03-30', [1, 2, 3, 4, 5, 6, 7])).toEqual([1, 6, 7]);
    expect(weekdaysIn('2026-03-01', '2026-03-31', [5, 1])).toEqual([1, 5]);
    expect(weekdaysIn('2026-03-30', '2026-03-30', [2])).toEqual([]);
  });

  it('counts days across month and year ends', () => {
    expect([addDays('2024-03-01', -1), addDays('2025-12-31', 1)]).toEqual(['2024-02-29', '2026-01-01']);
  });

  it('gives the length of a period in days, both ends counted', () => {
    expect(daysInPeriod('2026-03-23', '2026-03-29')).toBe(7);
    expect(daysInPeriod('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInPeriod('2026-03-29', '2026-03-29')).toBe(1);
    expect(daysInPeriod('2026-03-30', '2026-03-29')).toBe(0);
  });

  it('ends at the last day of the calendar: a period ending 9999-12-31 has its days, not an endless loop', () => {
    expect(selectedDays('9999-12-31', '9999-12-31', [1, 2, 3, 4, 5, 6, 7])).toEqual(['9999-12-31']);
    expect(selectedDays('9999-12-29', '9999-12-31', [5])).toEqual(['9999-12-31']);
    expect(weekdaysIn('9999-12-25', '9999-12-31', [1, 2, 3, 4, 5, 6, 7])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Why the days are counted: the day after it sorts before it.
    expect(addDays('9999-12-31', 1) < '9999-12-31').toBe(true);
  });
});

describe('ISO instants', () => {
  it('writes epoch seconds as an ISO instant, null as null', () => {
    expect(isoTime(at('2025-06-10T08:00+02:00'))).toBe('2025-06-10T06:00:00.000Z');
    expect(isoTime(null)).toBeNull();
  });
});

describe('localClockAt', () => {
  it('reads the local day and hour of an instant', () => {
    const reading = localClockAt(at('2025-06-03T21:59:59Z'), 'Europe/Paris');
    expect({ day: calendarDay(reading.day), hour: reading.hour }).toEqual({ day: '2025-06-03', hour: 23 });
    expect(calendarDay(localClockAt(at('2025-06-03T22:00:00Z'), 'Europe/Paris').day)).toBe('2025-06-04');
  });

  it('reads 02 twice on a fall-back day (25 hours) and skips 02 on a spring-forward day (23 hours)', () => {
    const hoursOf = (date: string) => {
      const day = localDayWindow(date, 0, 24, 'Europe/Paris');
      return splitAtLocalHours(day.start, day.end, 'Europe/Paris').map((piece) => localClockAt(piece.hourStart, 'Europe/Paris'));
    };
    const fallBack = hoursOf('2025-10-26');
    expect(fallBack.map((r) => r.hour)).toEqual([0, 1, 2, 2, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
    expect(new Set(fallBack.map((r) => calendarDay(r.day)))).toEqual(new Set(['2025-10-26']));
    expect(hoursOf('2025-03-30').map((r) => r.hour)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
  });

  it('follows a :30 offset (Asia/Kolkata) and a day behind UTC (America/Los_Angeles)', () => {
    expect(localClockAt(at('2025-06-03T18:29:59Z'), 'Asia/Kolkata')).toMatchObject({ hour: 23 });
    expect(calendarDay(localClockAt(at('2025-06-03T18:30:00Z'), 'Asia/Kolkata').day)).toBe('2025-06-04');
    const la = localClockAt(at('2025-06-03T03:00:00Z'), 'America/Los_Angeles');
    expect({ day: calendarDay(la.day), hour: la.hour }).toEqual({ day: '2025-06-02', hour: 20 });
  });
});

const ZONES = [
  'Europe/Paris',
  'Europe/Oslo',
  'America/New_York',
  'America/Santiago',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'UTC',
];
const YEARS_2020_TO_2030 = { min: 1_577_836_800, max: 1_893_456_000 };

/**
 * Every offset change of 2025 in the zones above that have one: the instant, the local day it
 * falls in and how long that day lasts. Santiago changes at midnight, Lord Howe by 30 minutes,
 * Chatham (+12:45/+13:45) at 02:45 and 03:45.
 */
const TRANSITIONS = [
  { zone: 'Europe/Paris', at: at('2025-03-30T01:00Z'), day: '2025-03-30', hours: 23 },
  { zone: 'Europe/Paris', at: at('2025-10-26T01:00Z'), day: '2025-10-26', hours: 25 },
  { zone: 'Europe/Oslo', at: at('2025-03-30T01:00Z'), day: '2025-03-30', hours: 23 },
  { zone: 'Europe/Oslo', at: at('2025-10-26T01:00Z'), day: '2025-10-26', hours: 25 },
  { zone: 'America/New_York', at: at('2025-03-09T07:00Z'), day: '2025-03-09', hours: 23 },
  { zone: 'America/New_York', at: at('2025-11-02T06:00Z'), day: '2025-11-02', hours: 25 },
  // 24:00 -03 falls back to 23:00 -04, so the clock reads 23:xx of 5 April twice.
  { zone: 'America/Santiago', at: at('2025-04-06T03:00Z'), day: '2025-04-05', hours: 25 },
  // 00:00 -04 jumps to 01:00 -03: the day opens at the jump.
  { zone: 'America/Santiago', at: at('2025-09-07T04:00Z'), day: '2025-09-07', hours: 23 },
  { zone: 'Australia/Lord_Howe', at: at('2025-04-05T15:00Z'), day: '2025-04-06', hours: 24.5 },
  { zone: 'Australia/Lord_Howe', at: at('2025-10-04T15:30Z'), day: '2025-10-05', hours: 23.5 },
  { zone: 'Pacific/Chatham', at: at('2025-04-05T14:00Z'), day: '2025-04-06', hours: 25 },
  { zone: 'Pacific/Chatham', at: at('2025-09-27T14:00Z'), day: '2025-09-28', hours: 23 },
];
type Transition = (typeof TRANSITIONS)[number];

/** The offset as Intl writes it ("GMT+05:45"): a second opinion that shares no code with the module. */
function intlOffsetSeconds(epochS: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(epochS * 1000))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (match === null) throw new Error(`unexpected offset name ${name}`);
  return match[1] === undefined ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * HOUR + Number(match[3]) * 60);
}

/** The local day and hour as Intl writes them. */
function intlClock(epochS: number, timeZone: string): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' }).formatToParts(
    new Date(epochS * 1000),
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

describe('the offset changes of 2025, every one asserted', () => {
  it('lists both kinds of day: a spring-forward day shorter than 24 h and a fall-back day longer', () => {
    expect(TRANSITIONS.filter((t) => t.zone === PARIS).map((t) => t.hours)).toEqual([23, 25]);
    expect(new Set(TRANSITIONS.map((t) => t.hours))).toEqual(new Set([23, 23.5, 24.5, 25]));
  });

  it.each(TRANSITIONS)('$zone changes its offset on $day, a day of $hours hours', ({ zone, at: change, day, hours }) => {
    expect(zoneOffsetSeconds(change - 1, zone)).toBe(intlOffsetSeconds(change - 1, zone));
    expect(zoneOffsetSeconds(change, zone)).toBe(intlOffsetSeconds(change, zone));
    expect(zoneOffsetSeconds(change, zone)).not.toBe(zoneOffsetSeconds(change - 1, zone));
    expect(localDateOf(change, zone)).toBe(day);
    const window = localDayWindow(day, 0, 24, zone);
    expect(hoursOf(window)).toBe(hours);
    expect(totalSeconds(splitAtLocalHours(window.start, window.end, zone).map(({ from, to }) => ({ start: from, end: to })))).toBe(hours * HOUR);
    expect(localHourStart(change, zone)).toBe(change);
  });
});

/*
 * The random-time properties run from a fixed seed, so that every run checks the same cases and
 * a failure can be replayed; CALENDAR_SEED=<n> explores others. Each property also runs every
 * offset change above as an example, before the random cases, and a random case is an offset
 * change about half of the time: a DST day is never left to chance.
 */
const SEED = Number(process.env.CALENDAR_SEED ?? 20_251_026);

function checkProperty<Ts>(property: fc.IProperty<Ts>, parameters: fc.Parameters<Ts>): void {
  const details = fc.check(property, { ...parameters, seed: SEED });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`failed with seed ${SEED} (replay: CALENDAR_SEED=${SEED} npx vitest run lib/calendar.test.ts)\n${fc.defaultReportMessage(details)}\n${cause}`);
  }
}

const aTransition = fc.constantFrom(...TRANSITIONS);
const anInstant = fc.oneof(
  fc.record({ zone: fc.constantFrom(...ZONES), instant: fc.integer(YEARS_2020_TO_2030) }),
  fc.tuple(aTransition, fc.integer({ min: -36 * HOUR, max: 36 * HOUR })).map(([t, shift]) => ({ zone: t.zone, instant: t.at + shift })),
);
const atEachTransition = (shift: number) => TRANSITIONS.map((t: Transition): [{ zone: string; instant: number }] => [{ zone: t.zone, instant: t.at + shift }]);

describe('properties over real zones, 2020–2030, offset changes included', () => {
  it('cuts any interval into contiguous pieces that each lie in one local hour and one offset', () => {
    const anInterval = fc.oneof(
      fc.record({ zone: fc.constantFrom(...ZONES), t0: fc.integer(YEARS_2020_TO_2030), length: fc.integer({ min: 1, max: 4 * HOUR }) }),
      // Across an offset change: it lies strictly inside the interval.
      fc
        .tuple(aTransition, fc.integer({ min: 1, max: 2 * HOUR }), fc.integer({ min: 1, max: 2 * HOUR }))
        .map(([t, before, after]) => ({ zone: t.zone, t0: t.at - before, length: before + after })),
    );
    checkProperty(
      fc.property(anInterval, ({ zone, t0, length }) => {
        const pieces = splitAtLocalHours(t0, t0 + length, zone);
        expect(pieces[0].from).toBe(t0);
        expect(pieces.at(-1)?.to).toBe(t0 + length);
        pieces.forEach((piece, index) => {
          if (index > 0) expect(piece.from).toBe(pieces[index - 1].to);
          expect(piece.to).toBeGreaterThan(piece.from);
          expect(localHourStart(piece.from, zone)).toBe(piece.hourStart);
          expect(localHourStart(piece.to - 1, zone)).toBe(piece.hourStart);
          expect(nextLocalHourStart(piece.from, zone)).toBeGreaterThanOrEqual(piece.to);
          expect(zoneOffsetSeconds(piece.to - 1, zone)).toBe(zoneOffsetSeconds(piece.from, zone));
        });
      }),
      { numRuns: 500, examples: TRANSITIONS.map((t) => [{ zone: t.zone, t0: t.at - 1800, length: HOUR }]) },
    );
  });

  it('makes the 24 hour windows of a day tile the day window, and a day of an offset change last what the table says', () => {
    checkProperty(
      fc.property(anInstant, ({ zone, instant }) => {
        const date = localDateOf(instant, zone);
        const day = localDayWindow(date, 0, 24, zone);
        expect(day.start).toBeLessThanOrEqual(instant);
        expect(day.end).toBeGreaterThan(instant);
        let end = day.start;
        for (let hour = 0; hour < 24; hour++) {
          const window = localDayWindow(date, hour, hour + 1, zone);
          expect(window.start).toBe(end);
          end = window.end;
        }
        expect(end).toBe(day.end);
        expect(localDateOf(day.end - 1, zone)).toBe(date);
        const change = TRANSITIONS.find((t) => t.zone === zone && t.day === date);
        if (change) expect(hoursOf(day)).toBe(change.hours);
        else expect([23, 23.5, 24, 24.5, 25]).toContain(hoursOf(day));
      }),
      { numRuns: 300, examples: atEachTransition(0) },
    );
  });

  it('reads the local day, hour and offset Intl reads', () => {
    checkProperty(
      fc.property(anInstant, ({ zone, instant }) => {
        const reading = localClockAt(instant, zone);
        const intl = intlClock(instant, zone);
        expect({ day: calendarDay(reading.day), hour: reading.hour }).toEqual(intl);
        expect(localDateOf(instant, zone)).toBe(intl.day);
        expect(zoneOffsetSeconds(instant, zone)).toBe(intlOffsetSeconds(instant, zone));
        // Every second of a local hour reads the same hour.
        expect(localClockAt(localHourStart(instant, zone), zone).hour).toBe(reading.hour);
      }),
      { numRuns: 300, examples: [...atEachTransition(-1), ...atEachTransition(0)] },
    );
  });
});

describe('properties of calendar days, 0001–9999', () => {
  // Days since 1970-01-01 of 0001-01-01 and 9999-12-31: past it, toISOString writes +010000-….
  const [FIRST, LAST] = [-719_162, 2_932_896];
  const twoDays = fc
    .tuple(fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: -400, max: 400 }))
    .filter(([first, n]) => first + n >= FIRST && first + n <= LAST)
    .map(([first, n]): [string, number] => [calendarDay(first), n]);

  it('counts, steps and names days consistently', () => {
    checkProperty(
      fc.property(twoDays, ([day, n]) => {
        const later = addDays(day, n);
        expect(later).toBe(calendarDay(Date.parse(`${day}T00:00:00Z`) / 86_400_000 + n));
        expect(addDays(later, -n)).toBe(day);
        expect(daysInPeriod(day, later)).toBe(n + 1);
        expect(isoWeekday(later)).toBe(((((isoWeekday(day) - 1 + n) % 7) + 7) % 7) + 1);
        expect(selectedDays(day, later, [1, 2, 3, 4, 5, 6, 7])).toHaveLength(Math.max(0, n + 1));
      }),
      { numRuns: 300, examples: [[['9999-12-25', 6]], [['9999-12-31', -1]], [['0001-01-01', 0]], [['2024-02-28', 1]], [['2024-03-01', -1]]] },
    );
  });
});
