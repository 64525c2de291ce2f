import { describe, expect, it } from 'vitest';
import { addDays, dayWindows, weekdaysIn, isoWeekday, selectedDays, totalSeconds } from './period';

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

  it('ends at the last day of the calendar: a period ending 9999-12-31 has its days, not an endless loop', () => {
    expect(selectedDays('9999-12-31', '9999-12-31', [1, 2, 3, 4, 5, 6, 7])).toEqual(['9999-12-31']);
    expect(selectedDays('9999-12-29', '9999-12-31', [5])).toEqual(['9999-12-31']);
    expect(weekdaysIn('9999-12-25', '9999-12-31', [1, 2, 3, 4, 5, 6, 7])).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
