import { describe, expect, it } from 'vitest';
import {
  CalibrationRows,
  HORIZON_NEIGHBOURS,
  calibratedChance,
  calibrationGroup,
  ChanceTally,
  fitChanceCalibration,
  intervalEdge,
  isotonicCurve,
  MIN_CURVE_ROWS,
  onCurve,
  quantile,
  RECENT_BAND,
  RECENT_BANDS,
} from './chanceCalibration';

/** `n` forecasts that said `raw`, `happened` of which came true (share 1), the rest not (share 0). */
function said(tally: ChanceTally, raw: number, n: number, happened: number): void {
  for (let i = 0; i < n; i++) tally.add(raw, i < happened ? 1 : 0);
}

describe('the isotonic curve of what happened against what was said', () => {
  it('maps each raw chance to the frequency observed at it, linear in between', () => {
    const tally = new ChanceTally();
    said(tally, 0.2, 10, 3);
    said(tally, 0.8, 10, 6);
    const curve = isotonicCurve(tally)!;
    expect(curve).toEqual({ x: [0.2, 0.8], y: [0.3, 0.6] });
    expect(onCurve(curve, 0.5)).toBeCloseTo(0.45, 10);
    expect(onCurve(curve, 0)).toBe(0.3);
    expect(onCurve(curve, 1)).toBe(0.6);
  });

  it('pools neighbours that happen less often than the ones below them (monotone)', () => {
    const tally = new ChanceTally();
    said(tally, 0.3, 4, 2);
    said(tally, 0.6, 4, 1);
    said(tally, 0.9, 2, 2);
    // 0.3 (2 of 4) and 0.6 (1 of 4) violate the order: one block of 8 at raw 0.45, 3 of 8.
    expect(isotonicCurve(tally)).toEqual({ x: [0.45, 0.9], y: [0.375, 1] });
  });

  it('has no curve without forecasts', () => {
    expect(isotonicCurve(new ChanceTally())).toBeNull();
  });
});

describe('fitChanceCalibration', () => {
  // Horizon 1 and one horizon beyond the reach of its neighbours.
  const far = 2 + HORIZON_NEIGHBOURS;
  const rows = () => new CalibrationRows(far);
  const add = (r: CalibrationRows, k: number, raw: number, emptyNow: boolean, n: number, happened: number) => {
    for (let i = 0; i < n; i++) r.add(k, { empty: raw, full: 0 }, { empty: emptyNow, full: false }, { empty: i < happened ? 1 : 0, full: 0 }, null);
  };

  it('says 0.8 where "0.9" came true 240 times in 300, and 0.01 where "0.1" came true 3 times in 300', () => {
    const r = rows();
    add(r, 1, 0.9, true, 300, 240);
    add(r, 1, 0.1, false, 300, 3);
    const calibration = fitChanceCalibration(r)!;
    expect(calibration.rows).toBe(600);
    expect(calibratedChance(calibration, 'empty', 1, true, 0.9)).toBeCloseTo(0.8, 10);
    expect(calibratedChance(calibration, 'empty', 1, false, 0.1)).toBeCloseTo(0.01, 10);
    // Horizon 2 had no forecast of its own: it stands on its neighbour's; one with none near keeps the raw chance.
    expect(calibratedChance(calibration, 'empty', 2, true, 0.9)).toBeCloseTo(0.8, 10);
    expect(calibratedChance(calibration, 'empty', far, false, 0.37)).toBe(0.37);
  });

  it(`fits a state on its own only with ${MIN_CURVE_ROWS} forecasts; fewer borrow the horizon's curve over both states`, () => {
    const r = rows();
    add(r, 1, 0.5, false, 300, 150);
    add(r, 1, 0.5, true, 100, 100);
    const calibration = fitChanceCalibration(r)!;
    expect(calibratedChance(calibration, 'empty', 1, false, 0.5)).toBeCloseTo(0.5, 10);
    // Empty now: 100 forecasts, too few; both states pooled: 250 of 400.
    expect(calibratedChance(calibration, 'empty', 1, true, 0.5)).toBeCloseTo(0.625, 10);
  });

  it('keeps the 10th and 90th percentiles of the scaled errors per horizon, and nothing with too few', () => {
    const r = rows();
    for (let i = 0; i <= 1000; i++) {
      r.add(1, { empty: 0, full: 0 }, { empty: false, full: false }, { empty: 0, full: 0 }, (i - 500) / 100);
      r.add(2, { empty: 0, full: 0 }, { empty: false, full: false }, { empty: 0, full: 0 }, (i - 500) / 50);
      for (let k = 3; k <= far; k++) r.add(k, { empty: 0, full: 0 }, { empty: false, full: false }, { empty: 0, full: 0 }, 0);
    }
    const calibration = fitChanceCalibration(r)!;
    expect(calibration.interval!.slice(0, 3)).toEqual([
      { low: -4, high: 4 },
      { low: -8, high: 8 },
      { low: 0, high: 0 },
    ]);
    // 12 bikes forecast, a station of scale 1.5, capacity 20: 12 − 6 .. 12 + 6.
    const interval = (k: number) => ({ low: intervalEdge(calibration, k, 'low', 12, 1.5, 20), high: intervalEdge(calibration, k, 'high', 12, 1.5, 20) });
    expect(interval(1)).toEqual({ low: 6, high: 18 });
    // Clamped to the station: 12 ± 12 → 0 .. 20.
    expect(interval(2)).toEqual({ low: 0, high: 20 });

    const few = rows();
    few.add(1, { empty: 0, full: 0 }, { empty: false, full: false }, { empty: 0, full: 0 }, 1);
    expect(fitChanceCalibration(few)!.interval).toBeNull();
    expect([intervalEdge(null, 1, 'low', 12.4, 1.5, 20), intervalEdge(null, 1, 'high', 12.4, 1.5, 20)]).toEqual([12, 12]);
  });

  it('interpolates quantiles between order statistics', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([10, 0], 0.1)).toBe(1);
  });
});

describe('the recent excess and the age of a forecast in the calibration', () => {
  const add = (r: CalibrationRows, raw: number, excess: number, n: number, happened: number, weight = 1) => {
    for (let i = 0; i < n; i++) {
      r.add(1, { empty: raw, full: 0 }, { empty: false, full: false }, { empty: i < happened ? 1 : 0, full: 0 }, null, { empty: excess, full: 0 }, weight);
    }
  };

  it('fits one curve per band of the recent excess: "0.5" came true 25 % of the time after a less empty week, 50 % otherwise', () => {
    const r = new CalibrationRows(1);
    add(r, 0.5, -(RECENT_BAND + 0.01), 400, 100);
    add(r, 0.5, 0, 400, 200);
    add(r, 0.5, RECENT_BAND + 0.01, 50, 50);
    const calibration = fitChanceCalibration(r)!;
    expect(calibratedChance(calibration, 'empty', 1, false, 0.5, -0.2)).toBeCloseTo(0.25, 10);
    expect(calibratedChance(calibration, 'empty', 1, false, 0.5, RECENT_BAND)).toBeCloseTo(0.5, 10);
    // Too few after an emptier week (50): the curve of the state over every band, 350 of 850.
    expect(calibratedChance(calibration, 'empty', 1, false, 0.5, 0.2)).toBeCloseTo(350 / 850, 4); // the knots are kept to 4 decimals
    expect(calibrationGroup(true, -0.2)).toBe(RECENT_BANDS);
  });

  it('weighs each forecast as given: 300 that came true at weight 1 and 300 that did not at weight ½ say 2 in 3', () => {
    const r = new CalibrationRows(1);
    add(r, 0.5, 0, 300, 300, 1);
    add(r, 0.5, 0, 300, 0, 0.5);
    expect(calibratedChance(fitChanceCalibration(r)!, 'empty', 1, false, 0.5)).toBeCloseTo(2 / 3, 4);
  });

  it('reads a calibration stored before the bands (one curve per state)', () => {
    const curve = { x: [0, 1], y: [0.1, 0.2] };
    const stored = { rows: 1, curves: { empty: [[curve], [null]], full: [[null], [null]] }, interval: null };
    expect(calibratedChance(stored, 'empty', 1, false, 0.5, -0.3)).toBeCloseTo(0.15, 10);
    expect(calibratedChance(stored, 'empty', 1, true, 0.5)).toBe(0.5);
  });
});
