import { describe, expect, it } from 'vitest';
import { dayChoiceOf, monthOf, previousPeriod, spanOf, weekOf } from './periods';

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
