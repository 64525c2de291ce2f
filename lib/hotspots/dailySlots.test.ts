import { describe, expect, it } from 'vitest';
import { creditByDay, localDaySlot, slotFigures, slotStarts, SLOTS_PER_DAY } from './dailySlots';
import { localDayWindow, splitAtLocalHours } from '../calendar';
import { at, CELL } from '../../test/support/testPolls';
import type { HourlyFigures } from './types';

const PARIS = 'Europe/Paris';

/** The start of every local hour of `day`, as the credit code cuts them. */
function hourStartsOf(day: string, timeZone: string): number[] {
  const { start, end } = localDayWindow(day, 0, 24, timeZone);
  return splitAtLocalHours(start, end, timeZone).map((piece) => piece.hourStart);
}

const figures = (stationId: string, h3: string, hourStart: number, seconds: number): HourlyFigures => ({
  stationId,
  h3,
  hourStart,
  observedS: seconds,
  bikeS: 3 * seconds,
  typedS: 0,
  ebikeS: 0,
  mechanicalS: 0,
  dockS: 7 * seconds,
  fullS: 0,
  emptyS: 0,
});

describe('the slots of a local day', () => {
  it('gives an ordinary day one slot per local hour', () => {
    expect(localDaySlot(at('2025-06-10T08:00+02:00'), PARIS)).toEqual({ day: '2025-06-10', slot: 8 });
    expect(localDaySlot(at('2025-06-10T00:00+02:00'), PARIS)).toEqual({ day: '2025-06-10', slot: 0 });
    expect(localDaySlot(at('2025-06-10T23:00+02:00'), PARIS)).toEqual({ day: '2025-06-10', slot: 23 });
    expect(slotStarts('2025-06-10', PARIS)).toHaveLength(SLOTS_PER_DAY + 1);
  });

  it('leaves the skipped hour of a spring-forward day empty (Paris, 29 March 2026: no 02:00)', () => {
    const starts = slotStarts('2026-03-29', PARIS);
    expect(starts[2]).toBe(starts[3]);
    expect(hourStartsOf('2026-03-29', PARIS).map((h) => localDaySlot(h, PARIS).slot)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, k) => k + 3)]);
  });

  it('puts both 02:00 hours of a fall-back day in slot 2 (Paris, 26 October 2025)', () => {
    expect(localDaySlot(at('2025-10-26T02:00+02:00'), PARIS)).toEqual({ day: '2025-10-26', slot: 2 });
    expect(localDaySlot(at('2025-10-26T02:00+01:00'), PARIS)).toEqual({ day: '2025-10-26', slot: 2 });
    expect(localDaySlot(at('2025-10-26T03:00+01:00'), PARIS)).toEqual({ day: '2025-10-26', slot: 3 });
    expect(hourStartsOf('2025-10-26', PARIS)).toHaveLength(25);
  });

  it('starts the local hours of a :30 zone at :30 UTC (Asia/Kolkata)', () => {
    expect(localDaySlot(Date.UTC(2025, 5, 10, 2, 30) / 1000, 'Asia/Kolkata')).toEqual({ day: '2025-06-10', slot: 8 });
    expect(localDaySlot(Date.UTC(2025, 5, 10, 17, 30) / 1000, 'Asia/Kolkata')).toEqual({ day: '2025-06-10', slot: 23 });
    expect(localDaySlot(Date.UTC(2025, 5, 10, 18, 30) / 1000, 'Asia/Kolkata')).toEqual({ day: '2025-06-11', slot: 0 });
  });

  // Every local hour of these days lies in window from..to exactly when its slot is in from..to-1.
  const transitions: Array<[string, string[]]> = [
    [PARIS, ['2025-03-30', '2025-10-26', '2025-06-10']],
    ['America/New_York', ['2025-03-09', '2025-11-02']],
    ['Asia/Kolkata', ['2025-06-10']],
    ['Asia/Kathmandu', ['2025-06-10']],
    // Clocks move by 30 minutes at 02:00.
    ['Australia/Lord_Howe', ['2025-04-06', '2025-10-05']],
    // Transitions at midnight: Saturday 24:00 goes back to 23:00, or forward to Sunday 01:00.
    ['America/Santiago', ['2025-04-05', '2025-04-06', '2025-09-06', '2025-09-07']],
    // Two hours at once, back from 03:00 to 01:00.
    ['Antarctica/Troll', ['2025-03-30', '2025-10-26']],
  ];
  it.each(transitions)('serves every hour window of the days of %s exactly', (timeZone, days) => {
    for (const day of days) {
      const hours = hourStartsOf(day, timeZone);
      for (const hourStart of hours) expect(localDaySlot(hourStart, timeZone).day, `${day} ${hourStart}`).toBe(day);
      for (let from = 0; from < 24; from++) {
        for (let to = from + 1; to <= 24; to++) {
          const window = localDayWindow(day, from, to, timeZone);
          const inWindow = hours.filter((h) => h >= window.start && h < window.end);
          const inSlots = hours.filter((h) => {
            const { slot } = localDaySlot(h, timeZone);
            return slot >= from && slot < to;
          });
          expect(inSlots, `${timeZone} ${day} ${from}-${to}`).toEqual(inWindow);
        }
      }
    }
  });
});

describe('daily credits', () => {
  it('sums the two 02:00 hours of a fall-back day into one slot credit', () => {
    const credits = slotFigures(
      [figures('a', CELL.louvre, at('2025-10-26T02:00+02:00'), 600), figures('a', CELL.louvre, at('2025-10-26T02:00+01:00'), 300)],
      PARIS,
    );
    const { hourStart: _, ...summed } = figures('a', CELL.louvre, 0, 900);
    expect(credits).toEqual([{ ...summed, day: '2025-10-26', slot: 2 }]);
  });

  it('groups a poll across midnight by day, oldest first, each round touching a station and cell once', () => {
    const credits = slotFigures(
      [
        figures('a', CELL.louvre, at('2025-06-10T23:00+02:00'), 120),
        figures('a', CELL.louvre, at('2025-06-11T00:00+02:00'), 60),
        figures('b', CELL.bastille, at('2025-06-11T00:00+02:00'), 60),
        figures('b', CELL.bastille, at('2025-06-11T01:00+02:00'), 30),
      ],
      PARIS,
    );
    const days = creditByDay(credits);
    expect(days.map((d) => d.day)).toEqual(['2025-06-10', '2025-06-11']);
    expect(days[0].rounds.map((round) => round.map((c) => [c.stationId, c.slot]))).toEqual([[['a', 23]]]);
    expect(days[1].rounds.map((round) => round.map((c) => [c.stationId, c.slot]))).toEqual([[['a', 0], ['b', 0]], [['b', 1]]]);
  });
});
