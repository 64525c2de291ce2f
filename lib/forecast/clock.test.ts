import { describe, expect, it } from 'vitest';
import { at } from '@/test/support/testPolls';
import { fixedOffsetClock, nextLocalHours, zoneClock } from './clock';
import { countsAt, forecastHours, nowFromPoll } from './nowFromPoll';

describe('local clocks', () => {
  it('labels UTC hours: 2026-03-02 is a Monday', () => {
    const utc = fixedOffsetClock(0);
    expect(utc.localHourOf(at('2026-03-02T13:59Z'))).toEqual({ weekday: 1, hour: 13 });
    expect(utc.localHourOf(at('2026-03-08T23:00Z'))).toEqual({ weekday: 7, hour: 23 });
    expect(utc.hourStartOf(at('2026-03-02T13:59Z'))).toBe(at('2026-03-02T13:00Z'));
    expect(utc.nextHourStart(at('2026-03-02T13:59Z'))).toBe(at('2026-03-02T14:00Z'));
  });

  it('gives Paris 23 local hours on 2026-03-29, skipping 02:00', () => {
    const paris = zoneClock('Europe/Paris');
    const hours = nextLocalHours(at('2026-03-28T23:00+01:00'), 24, paris);
    expect(hours.map((h) => h.hour)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3), 0]);
    expect(hours.map((h) => h.weekday)).toEqual([...Array(23).fill(7), 1]);
    // 01:00 CET is 00:00Z, 03:00 CEST is 01:00Z: the next hour, one real hour later.
    expect(hours[1].hourStart).toBe(at('2026-03-29T00:00Z'));
    expect(hours[2].hourStart).toBe(at('2026-03-29T01:00Z'));
  });

  it('turns a poll into the current state and its 24 next hours', () => {
    const paris = zoneClock('Europe/Paris');
    const now = nowFromPoll({ at: at('2026-06-10T14:37+02:00'), bikes: 0, docks: 12 }, paris);
    expect(now).toEqual({ hourStart: at('2026-06-10T14:00+02:00'), weekday: 3, hour: 14, bikes: 0, fullShare: 0, emptyShare: 1, trend: 0, secondsIntoHour: 37 * 60 });
    const hours = forecastHours(now, paris);
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ hourStart: at('2026-06-10T15:00+02:00'), weekday: 3, hour: 15 });
    expect(hours[23]).toEqual({ hourStart: at('2026-06-11T14:00+02:00'), weekday: 4, hour: 14 });
    // Another station of the same poll, on the hour already labelled: as if labelled for it.
    const full = { at: at('2026-06-10T14:37+02:00'), bikes: 12, docks: 0 };
    expect(countsAt(now, full, 9.5)).toEqual(nowFromPoll(full, paris, 9.5));
    expect(countsAt(now, full, 9.5)).toMatchObject({ bikes: 12, fullShare: 1, emptyShare: 0, trend: 2.5 });
  });
});
