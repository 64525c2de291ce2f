/**
 * Chances that mean what they say, and an interval for the count.
 *
 * The model's raw pEmpty / pFull (the state now fading into the profile's share at phi) are
 * overconfident: on the Oslo weeks, of the stations given 0.9–1.0 only 80 % were empty. So, with
 * every system fit, the raw chance is mapped to the frequency observed on the origins of the
 * CALIBRATION_DAYS before the fit, pooled over the system's stations: one isotonic (monotone,
 * PAVA) curve per chance, horizon k, state now (empty, or full, now or not) and the station's
 * recent excess (its last week's share against its profile's: below −RECENT_BAND, within, above
 * +RECENT_BAND). A station that lately was empty less often than its four weeks say is, at the
 * same raw chance, empty less often: on the Oslo weeks "0.45" came true 35 % of the time for those
 * and 43 % for the others. The outcome of a
 * forecast is the share of its target hour the station spent empty (or full): the chance that a
 * rider arriving at a random moment of that hour finds no bike (no dock).
 *
 * The interval: per horizon, the 10th and 90th percentiles of the error (observed mean bikes −
 * forecast) over the same origins, each divided by the station's own scale (the spread of its
 * hourly deviation from its profile, at least MIN_SCALE bikes), so a busy station gets a wider
 * interval than a quiet one and the pooled interval holds the truth 80 % of the time.
 */

/** A monotone curve: the calibrated chance at raw chance x, linear between the knots, flat beyond them. */
export interface ChanceCurve {
  x: number[];
  y: number[];
}

export type Chance = 'empty' | 'full';

export interface ChanceCalibration {
  /** Forecasts (station, origin, horizon) the curves were fitted on. */
  rows: number;
  /**
   * Per chance, [group][k − 1]: the curve, or null to use the raw chance. The group is
   * state now (0 not, 1 yes) × RECENT_BANDS + the recent excess's band (calibrationGroup); a
   * calibration stored before the bands has one group per state.
   */
  curves: Record<Chance, (ChanceCurve | null)[][]>;
  /** Per horizon k (index k − 1): the 10th and 90th percentiles of error ÷ scale; null: no interval. */
  interval: { low: number; high: number }[] | null;
}

/** The recent excess's bands: below −RECENT_BAND, within ±RECENT_BAND, above. */
export const RECENT_BAND = 0.05;
export const RECENT_BANDS = 3;

/** Which curve a forecast goes through: its state now and its recent excess's band. */
export function calibrationGroup(stateNow: boolean, recentExcess: number): number {
  const band = recentExcess < -RECENT_BAND ? 0 : recentExcess > RECENT_BAND ? 2 : 1;
  return (stateNow ? 1 : 0) * RECENT_BANDS + band;
}

/**
 * A (chance, group, horizon) curve needs this many forecasts; fewer borrow the curve of their
 * state over every band, and fewer still the horizon's curve over every group.
 */
export const MIN_CURVE_ROWS = 200;
/** A horizon's curve also stands on the forecasts of this many horizons on each side. */
export const HORIZON_NEIGHBOURS = 1;
/** Fine bins of the raw chance before the isotonic fit: the fit is over bins, not millions of rows. */
const RAW_BINS = 200;
/** The smallest scale of a station's error, in bikes: a station that never moved still can. */
export const MIN_SCALE = 0.5;
export const INTERVAL_LOW = 0.1;
export const INTERVAL_HIGH = 0.9;

/** Raw chance and what happened, summed per fine bin of the raw chance. */
export class ChanceTally {
  readonly weight = new Float64Array(RAW_BINS);
  readonly rawSum = new Float64Array(RAW_BINS);
  readonly outcomeSum = new Float64Array(RAW_BINS);
  rows = 0;

  add(raw: number, outcome: number, weight = 1): void {
    const bin = Math.min(RAW_BINS - 1, Math.max(0, Math.floor(raw * RAW_BINS)));
    this.weight[bin] += weight;
    this.rawSum[bin] += raw * weight;
    this.outcomeSum[bin] += outcome * weight;
    this.rows++;
  }

  addAll(other: ChanceTally): void {
    for (let b = 0; b < RAW_BINS; b++) {
      this.weight[b] += other.weight[b];
      this.rawSum[b] += other.rawSum[b];
      this.outcomeSum[b] += other.outcomeSum[b];
    }
    this.rows += other.rows;
  }
}

/**
 * The isotonic regression of outcome on raw chance (pool adjacent violators over the tally's
 * bins, weighted by their counts); knots at each block's mean raw chance and mean outcome.
 */
export function isotonicCurve(tally: ChanceTally): ChanceCurve | null {
  const blocks: { weight: number; raw: number; outcome: number }[] = [];
  for (let b = 0; b < RAW_BINS; b++) {
    if (tally.weight[b] === 0) continue;
    blocks.push({ weight: tally.weight[b], raw: tally.rawSum[b], outcome: tally.outcomeSum[b] });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const before = blocks[blocks.length - 2];
      if (before.outcome / before.weight <= last.outcome / last.weight) break;
      blocks.pop();
      before.weight += last.weight;
      before.raw += last.raw;
      before.outcome += last.outcome;
    }
  }
  if (blocks.length === 0) return null;
  const round = (value: number) => Math.round(value * 1e4) / 1e4;
  return { x: blocks.map((b) => round(b.raw / b.weight)), y: blocks.map((b) => round(b.outcome / b.weight)) };
}

/** The curve at raw chance `raw`: linear between knots, the end values beyond them. */
export function onCurve(curve: ChanceCurve, raw: number): number {
  const { x, y } = curve;
  if (raw <= x[0]) return y[0];
  const last = x.length - 1;
  if (raw >= x[last]) return y[last];
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (x[middle] <= raw) low = middle;
    else high = middle;
  }
  const span = x[high] - x[low];
  return span <= 0 ? y[high] : y[low] + ((raw - x[low]) / span) * (y[high] - y[low]);
}

/** What the calibration is fitted on: per chance, state now and horizon, a tally; per horizon the scaled errors. */
export class CalibrationRows {
  readonly tallies: Record<Chance, ChanceTally[][]>;
  readonly errors: number[][];

  constructor(readonly horizons: number) {
    const tallies = () => Array.from({ length: 2 * RECENT_BANDS }, () => Array.from({ length: horizons }, () => new ChanceTally()));
    this.tallies = { empty: tallies(), full: tallies() };
    this.errors = Array.from({ length: horizons }, () => []);
  }

  /** One forecast k hours ahead: its raw chances, the state now, what happened, its scaled error and the station's recent excess. */
  add(
    k: number,
    raw: { empty: number; full: number },
    now: { empty: boolean; full: boolean },
    outcome: { empty: number; full: number },
    scaledError: number | null,
    recent: { empty: number; full: number } | null = null,
    weight = 1,
  ): void {
    this.tallies.empty[calibrationGroup(now.empty, recent?.empty ?? 0)][k - 1].add(raw.empty, outcome.empty, weight);
    this.tallies.full[calibrationGroup(now.full, recent?.full ?? 0)][k - 1].add(raw.full, outcome.full, weight);
    if (scaledError !== null) this.errors[k - 1].push(scaledError);
  }
}

/**
 * The k-th smallest of `values` (from 0), reordering them so that none before k is larger and
 * none after it smaller (Hoare's selection): the interval needs two order statistics of each
 * horizon's errors at every fit, and sorting them all cost more than the rest of the calibration.
 */
function selectSmallest(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >>> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

/** The q-quantile of `values`, linear between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  const scratch = new Float64Array(values);
  const at = q * (scratch.length - 1);
  const below = Math.floor(at);
  const low = selectSmallest(scratch, below);
  if (below + 1 >= scratch.length) return low;
  // The next order statistic: the smallest of what the selection left after `below`.
  let high = Infinity;
  for (let i = below + 1; i < scratch.length; i++) if (scratch[i] < high) high = scratch[i];
  return low + (at - below) * (high - low);
}

export function fitChanceCalibration(rows: CalibrationRows): ChanceCalibration | null {
  let total = 0;
  // A horizon's curve is fitted on its neighbours' forecasts too: they differ little from one hour
  // to the next, and the rare high chances (full above 0.7 is a few hundred forecasts a week on
  // Oslo) need the rows.
  const around = (tallies: readonly ChanceTally[], k: number) => {
    const sum = new ChanceTally();
    for (let j = Math.max(0, k - HORIZON_NEIGHBOURS); j <= Math.min(tallies.length - 1, k + HORIZON_NEIGHBOURS); j++) sum.addAll(tallies[j]);
    return sum;
  };
  const curveOr = (tally: ChanceTally, fallback: ChanceCurve | null) => (tally.rows >= MIN_CURVE_ROWS ? isotonicCurve(tally) : fallback);
  const curvesOf = (chance: Chance) => {
    const byGroup = rows.tallies[chance];
    const sumOf = (groups: number[], k: number) => {
      const sum = new ChanceTally();
      for (const g of groups) sum.addAll(around(byGroup[g], k));
      return sum;
    };
    const bandsOf = (state: number) => Array.from({ length: RECENT_BANDS }, (_, band) => state * RECENT_BANDS + band);
    const everyGroup = byGroup.map((_, g) => g);
    const pooled = Array.from({ length: rows.horizons }, (_, k) => curveOr(sumOf(everyGroup, k), null));
    const byState = [0, 1].map((state) => Array.from({ length: rows.horizons }, (_, k) => curveOr(sumOf(bandsOf(state), k), pooled[k])));
    return byGroup.map((tallies, g) => tallies.map((_, k) => curveOr(around(tallies, k), byState[Math.floor(g / RECENT_BANDS)][k])));
  };
  for (const group of rows.tallies.empty) for (const tally of group) total += tally.rows;
  if (total === 0) return null;
  const interval = rows.errors.every((errors) => errors.length >= MIN_CURVE_ROWS)
    ? rows.errors.map((errors) => ({ low: Math.round(quantile(errors, INTERVAL_LOW) * 1e4) / 1e4, high: Math.round(quantile(errors, INTERVAL_HIGH) * 1e4) / 1e4 }))
    : null;
  return { rows: total, curves: { empty: curvesOf('empty'), full: curvesOf('full') }, interval };
}

/** The calibrated chance k hours ahead; the raw one where no curve was fitted. */
export function calibratedChance(calibration: ChanceCalibration, chance: Chance, k: number, stateNow: boolean, raw: number, recentExcess = 0): number {
  const curves = calibration.curves[chance];
  const group = curves.length === 2 ? (stateNow ? 1 : 0) : calibrationGroup(stateNow, recentExcess);
  const curve = curves[group]?.[k - 1] ?? null;
  return curve === null ? raw : onCurve(curve, raw);
}

/** The station's scale of error: the spread of its hourly deviation from its profile. */
export function errorScale(decay: { sumSquares: number; pairs: number } | null): number {
  if (decay === null || decay.pairs === 0) return MIN_SCALE;
  return Math.max(MIN_SCALE, Math.sqrt(decay.sumSquares / decay.pairs));
}

/**
 * One edge of the 80 % interval of bikes k hours ahead: whole bikes within [0, capacity] around the
 * forecast. An edge at a time, no object: called for every station and hour after each poll.
 */
export function intervalEdge(calibration: ChanceCalibration | null, k: number, edge: 'low' | 'high', bikes: number, scale: number, capacity: number): number {
  const band = calibration?.interval?.[k - 1] ?? null;
  const value = band === null ? Math.round(bikes) : Math.round(bikes + band[edge] * scale);
  return Math.min(capacity, Math.max(0, value));
}
