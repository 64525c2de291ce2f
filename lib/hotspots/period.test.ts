import { describe, expect, it } from 'vitest';
import { dayWindows, isoWeekday, mergeWindows, selectedDays, totalSeconds } from './period';

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
    expect(mergeWindows(week)).toEqual([{ start: week[0].start, end: week[6].end }]);
  });

  it('keeps the same hours of every day apart, and merges only windows that touch', () => {
    const mornings = dayWindows(['2026-03-28', '2026-03-29'], 7, 10, 'Europe/Paris');
    expect(mergeWindows(mornings)).toEqual(mornings);
    // 07:00 CET is 06:00 UTC on Saturday, 07:00 CEST is 05:00 UTC on Sunday.
    expect(mornings.map((w) => new Date(w.start * 1000).toISOString())).toEqual(['2026-03-28T06:00:00.000Z', '2026-03-29T05:00:00.000Z']);
    expect(totalSeconds(mornings)).toBe(6 * 3600);
  });
});
