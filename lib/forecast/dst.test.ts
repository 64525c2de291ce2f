/**
 * The spring-forward week of Europe/Paris: 2026-03-29 has 23 local hours (02:00 does not exist).
 * Rollup rows for every local hour from Monday 2026-02-23 to Sunday 2026-04-05, triangle(local
 * hour) bikes, empty throughout each midnight hour (triangle(0) = 0).
 */
import { describe, expect, it } from 'vitest';
import { localDayWindow } from '@/lib/calendar';
import { PARIS, at } from '@/test/support/testPolls';
import { backtest } from './backtest';
import { zoneClock } from './clock';
import { forecastStation } from './forecastStation';
import { hourlySeries } from './hourlySeries';
import { forecastHours } from './nowFromPoll';
import { triangle } from '../../test/support/forecastHistories';

const paris = zoneClock(PARIS);
const from = localDayWindow('2026-02-23', 0, 24, PARIS).start;
const until = localDayWindow('2026-04-05', 0, 24, PARIS).end;

function rollupRows() {
  const rows = [];
  for (let hourStart = from; hourStart < until; hourStart = paris.nextHourStart(hourStart)) {
    const bikes = triangle(paris.localHourOf(hourStart).hour);
    rows.push({ stationId: 's1', h3: 'cell', hourStart, observedS: 3600, bikeS: bikes * 3600, fullS: 0, emptyS: bikes === 0 ? 3600 : 0 });
  }
  return rows;
}

const series = hourlySeries(rollupRows(), paris, { from, until });

describe('a DST week (Europe/Paris, 2026-03-29)', () => {
  it('has 23 entries on the short day, local hours 0, 1, 3 … 23, none twice', () => {
    const day = localDayWindow('2026-03-29', 0, 24, PARIS);
    const entries = series.filter((entry) => entry.hourStart >= day.start && entry.hourStart < day.end);
    expect(entries.map((entry) => entry.hour)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
    expect(entries.every((entry) => entry.weekday === 7 && entry.meanBikes === triangle(entry.hour))).toBe(true);
    // 41 days of 24 hours and one of 23.
    expect(series).toHaveLength(42 * 24 - 1);
  });

  it('forecasts across the night by local hour, decaying by the hours that really pass', () => {
    // Now: Saturday 2026-03-28 23:00 CET with 9 bikes, 8 above triangle(23) = 1; the profile is
    // the wave exactly; nothing ever deviated, so phi is the prior, set to 0.5.
    const nowStart = at('2026-03-28T23:00+01:00');
    const history = { capacity: 30, hours: series.filter((entry) => entry.hourStart <= nowStart) };
    const now = { hourStart: nowStart, weekday: 6, hour: 23, bikes: 9, fullShare: 0, emptyShare: 0 };
    const forecast = forecastStation(history, now, forecastHours(now, paris), { priorPhi: 0.5 });
    expect(forecast.model).toBe('seasonal+decay');
    expect(forecast.targets.map((t) => t.hour)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3), 0]);
    // 00:00: 0 + 8 · 0.5 = 4; 01:00: 1 + 2 = 3; 03:00 (k = 3, not 4): 3 + 1 = 4; 04:00: 4 + 0.5.
    expect(forecast.bikes.slice(0, 4)).toEqual([4, 3, 4, 4.5]);
    // Monday 00:00 is the 24th hour: 0 + 8 · 2^-24 = 2^-21.
    expect(forecast.bikes[23]).toBe(2 ** -21);
    // Empty at every midnight in the profile: pEmpty = (1 − 0.5^k) · 1 at k = 1 and 24.
    expect(forecast.pEmpty[0]).toBe(0.5);
    expect(forecast.pEmpty[23]).toBe(1 - 2 ** -24);
  });

  it('backtests the week across the change: the model exact, persistence off where the day is short', () => {
    // Origins: the 168 hours ending 24 h before the series' end (of its 1007 entries, 816 …
    // 983: 2026-03-29 00:00 … 2026-04-04 23:00). Entry j is local hour j mod 24 up to 817
    // (01:00 on the 29th) and (j + 1) mod 24 from 818 (03:00) on.
    // 1 h: persistence errs by 1 on every hour but 01:00 → 03:00: triangle(3) − triangle(1) = 2,
    // so (167 · 1 + 2) / 168. 24 h: the same hour a day later costs nothing, except from the three
    // "now" hours 815, 816, 817 (Sat 23:00, Sun 00:00, 01:00), whose entry 24 later is an hour
    // further on the clock (00:00, 01:00, 02:00 of the 30th): 1 each, so 3 / 168.
    const result = backtest([{ capacity: 30, hours: series }], { days: 7, horizons: [1, 24] });
    expect(result.origins).toBe(168);
    expect(result.mae).toEqual({ model: [0, 0], persistence: [169 / 168, 3 / 168], seasonal: [0, 0], climatology: [expect.any(Number), expect.any(Number)] });
  });
});
