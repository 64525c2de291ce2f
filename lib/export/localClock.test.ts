import { describe, expect, it } from 'vitest';
import { localDayWindow, splitAtLocalHours } from '@/lib/calendar';
import { calendarDay, localClockAt } from './localClock';

const at = (iso: string) => Date.parse(iso) / 1000;

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
