import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidCalendarDate,
  localDateOf,
  localDayWindow,
  localHourStart,
  nextLocalHourStart,
  splitAtLocalHours,
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

const ZONES = [
  'Europe/Paris',
  'America/New_York',
  'America/Santiago',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'UTC',
];
const YEARS_2020_TO_2030 = { min: 1_577_836_800, max: 1_893_456_000 };

describe('properties over real zones, 2020–2030', () => {
  it('cuts any interval into contiguous pieces that each lie in one local hour', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer(YEARS_2020_TO_2030),
        fc.integer({ min: 1, max: 4 * HOUR }),
        (zone, t0, length) => {
          const pieces = splitAtLocalHours(t0, t0 + length, zone);
          expect(pieces[0].from).toBe(t0);
          expect(pieces.at(-1)?.to).toBe(t0 + length);
          pieces.forEach((piece, index) => {
            if (index > 0) expect(piece.from).toBe(pieces[index - 1].to);
            expect(piece.to).toBeGreaterThan(piece.from);
            expect(localHourStart(piece.from, zone)).toBe(piece.hourStart);
            expect(localHourStart(piece.to - 1, zone)).toBe(piece.hourStart);
            expect(nextLocalHourStart(piece.from, zone)).toBeGreaterThanOrEqual(piece.to);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('makes the 24 hour windows of a day tile the day window', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer(YEARS_2020_TO_2030), (zone, instant) => {
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
      }),
      { numRuns: 300 },
    );
  });
});
