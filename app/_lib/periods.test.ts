import { describe, expect, it } from 'vitest';
import { anchorDay, dayChoiceOf, keptDaysWithData, monthOf, nextPeriod, openingDay, periodAround, previousPeriod, spanOf, weekOf } from './periods';

describe("the map's periods", () => {
  it('takes the ISO week (Monday to Sunday) and the calendar month of a day', () => {
    expect(weekOf('2026-03-29')).toEqual({ start: '2026-03-23', end: '2026-03-29' });
    expect(weekOf('2026-03-30')).toEqual({ start: '2026-03-30', end: '2026-04-05' });
    expect(monthOf('2024-02-10')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthOf('2026-12-31')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
  });

  it('names a period by its span', () => {
    expect(spanOf({ start: '2026-03-27', end: '2026-03-27' })).toBe('day');
    expect(spanOf({ start: '2026-03-23', end: '2026-03-29' })).toBe('week');
    expect(spanOf({ start: '2026-02-01', end: '2026-02-28' })).toBe('month');
    expect(spanOf({ start: '2026-03-24', end: '2026-03-30' })).toBe('custom');
  });

  it('compares with the period just before: the previous week, the previous calendar month, as many days before', () => {
    expect(previousPeriod({ start: '2026-03-23', end: '2026-03-29' })).toEqual({ start: '2026-03-16', end: '2026-03-22' });
    expect(previousPeriod({ start: '2026-03-01', end: '2026-03-31' })).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(previousPeriod({ start: '2026-03-05', end: '2026-03-14' })).toEqual({ start: '2026-02-23', end: '2026-03-04' });
    expect(previousPeriod({ start: '2026-01-01', end: '2026-01-01' })).toEqual({ start: '2025-12-31', end: '2025-12-31' });
  });

  it('tells which day choice a weekday list is', () => {
    expect(dayChoiceOf(null)).toBe('all');
    expect(dayChoiceOf([1, 2, 3, 4, 5])).toBe('weekdays');
    expect(dayChoiceOf([6, 7])).toBe('weekends');
    expect(dayChoiceOf([2])).toBe('all');
  });
});

describe('the day the person chose', () => {
  it('opens on the newest complete day: the newest day with data is still being collected', () => {
    expect(openingDay({ firstDay: '2026-12-05', lastDay: '2026-12-07' })).toBe('2026-12-06');
    expect(openingDay({ firstDay: '2026-12-07', lastDay: '2026-12-07' })).toBe('2026-12-07');
    expect(openingDay({ firstDay: null, lastDay: null })).toBeNull();
  });

  it('keeps the chosen day through a week or a month, so that Day lands back on it', () => {
    const month = periodAround('2026-12-05', { period: { start: '2026-11-01', end: '2026-11-30' }, base: null });
    expect(month).toEqual({ date: '2026-12-05', period: { start: '2026-12-01', end: '2026-12-31' }, base: null });
    expect(anchorDay(month.date, month.period, null)).toBe('2026-12-05');
    expect(anchorDay('2026-11-03', { start: '2026-12-01', end: '2026-12-31' }, null)).toBe('2026-12-31');
    expect(anchorDay(null, null, '2026-12-06')).toBe('2026-12-06');
  });

  it('finds the days a weekday filter keeps inside the data, and the period just after', () => {
    const range = { firstDay: '2026-12-05', lastDay: '2026-12-07' };
    expect(keptDaysWithData({ start: '2026-11-30', end: '2026-12-06' }, [1, 2, 3, 4, 5], range)).toEqual([]);
    expect(keptDaysWithData({ start: '2026-12-07', end: '2026-12-13' }, [1, 2, 3, 4, 5], range)).toEqual(['2026-12-07']);
    expect(nextPeriod({ start: '2026-11-01', end: '2026-11-30' })).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(nextPeriod({ start: '2026-12-05', end: '2026-12-05' })).toEqual({ start: '2026-12-06', end: '2026-12-06' });
  });
});
