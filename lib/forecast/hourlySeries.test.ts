import { describe, expect, it } from 'vitest';
import { hourlySeries, localHoursBetween } from './hourlySeries';
import { HOUR, MONDAY, UTC } from '../../test/support/forecastHistories';

const row = (hourStart: number, observedS: number, bikeS: number, fullS = 0, emptyS = 0) => ({ hourStart, observedS, bikeS, fullS, emptyS });

describe('hourlySeries', () => {
  it('adds up a station’s rows of one hour (it moved cells mid-hour) before dividing', () => {
    // 1200 s at 4 bikes in one cell, 2400 s at 7 in the next: (4800 + 16800) / 3600 = 6.
    const series = hourlySeries([row(MONDAY, 1200, 4800, 0, 0), row(MONDAY, 2400, 16_800, 1200, 0)], UTC);
    expect(series).toEqual([{ hourStart: MONDAY, weekday: 1, hour: 0, meanBikes: 6, fullShare: 1 / 3, emptyShare: 0 }]);
  });

  it('divides by the observed time, not by the hour', () => {
    // Seen for 15 minutes, 10 bikes all along, empty for none of it.
    expect(hourlySeries([row(MONDAY, 900, 9000)], UTC)[0].meanBikes).toBe(10);
  });

  it('fills every hour of the range, unobserved ones with nulls', () => {
    const series = hourlySeries([row(MONDAY + HOUR, 3600, 3600), row(MONDAY + 3 * HOUR, 0, 0)], UTC, {
      from: MONDAY,
      until: MONDAY + 5 * HOUR,
    });
    expect(series.map((entry) => entry.hour)).toEqual([0, 1, 2, 3, 4]);
    expect(series.map((entry) => entry.meanBikes)).toEqual([null, 1, null, null, null]);
  });

  it('refuses a row that does not start a local hour', () => {
    expect(() => hourlySeries([row(MONDAY + 60, 3600, 3600)], UTC, { from: MONDAY, until: MONDAY + HOUR })).toThrow(/do not start a local hour/);
  });

  it('gives the same series from a shared list of hours (localHoursBetween) as from the clock', () => {
    const rows = [row(MONDAY + HOUR, 3600, 3600), row(MONDAY + 3 * HOUR, 1800, 900)];
    const range = { from: MONDAY, until: MONDAY + 5 * HOUR };
    const hours = localHoursBetween(UTC, range.from, range.until);
    expect(hours.map((entry) => entry.hourStart - MONDAY)).toEqual([0, 1, 2, 3, 4].map((h) => h * HOUR));
    expect(hourlySeries(rows, UTC, { ...range, hours })).toEqual(hourlySeries(rows, UTC, range));
  });
});
