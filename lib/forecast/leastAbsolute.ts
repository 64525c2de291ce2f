/**
 * Least-absolute-deviation regression (median regression) by iteratively reweighted least
 * squares: the forecast is scored by mean absolute error, which the conditional median
 * minimises, and most stations' bikes do not change within an hour — a least-squares fit pulls
 * every forecast toward the few stations a truck emptied.
 *
 * Rows are `features` numbers each in one flat array; a tiny ridge keeps a column that is all zero
 * (a feature that never varies) at 0 instead of making the system singular.
 */
const RIDGE = 1e-6;
/** Residuals below this count as this: IRLS weights 1/|e| would blow up on exact fits. */
const MIN_RESIDUAL = 0.05;
const ITERATIONS = 8;

function solve(matrix: Float64Array, vector: Float64Array, size: number): number[] {
  const m = Array.from({ length: size }, (_, i) => [...matrix.subarray(i * size, i * size + size), vector[i]]);
  for (let i = 0; i < size; i++) {
    m[i][i] += RIDGE;
    let pivot = i;
    for (let k = i + 1; k < size; k++) if (Math.abs(m[k][i]) > Math.abs(m[pivot][i])) pivot = k;
    [m[i], m[pivot]] = [m[pivot], m[i]];
    for (let k = i + 1; k < size; k++) {
      const factor = m[k][i] / m[i][i];
      for (let j = i; j <= size; j++) m[k][j] -= factor * m[i][j];
    }
  }
  const x = new Array<number>(size).fill(0);
  for (let i = size - 1; i >= 0; i--) {
    let sum = m[i][size];
    for (let j = i + 1; j < size; j++) sum -= m[i][j] * x[j];
    x[i] = sum / m[i][i];
  }
  return x;
}

/** The weighted normal equations XᵀWX β = XᵀWy of the first `rows` rows, into `matrix` and `vector`. */
function normalEquations(x: Float64Array, y: Float64Array, features: number, rows: number, weights: Float64Array, matrix: Float64Array, vector: Float64Array): void {
  matrix.fill(0);
  vector.fill(0);
  for (let r = 0; r < rows; r++) {
    const row = r * features;
    const w = weights[r];
    const target = y[r];
    for (let a = 0; a < features; a++) {
      const wa = w * x[row + a];
      vector[a] += wa * target;
      const base = a * features;
      for (let b = a; b < features; b++) matrix[base + b] += wa * x[row + b];
    }
  }
  for (let a = 0; a < features; a++) for (let b = 0; b < a; b++) matrix[a * features + b] = matrix[b * features + a];
}

/**
 * The weighted normal equations of five features, the horizon trust's (horizonTrust.ts), in
 * locals (normalEquations unrolled): the trust fits 24 horizons × 49 groups at every system fit and every backtest day, and
 * this loop was most of that. Each sum adds the rows in the same order as the general loop, so
 * the coefficients are the same to the last bit.
 */
function normalEquations5(x: Float64Array, y: Float64Array, rows: number, weights: Float64Array, matrix: Float64Array, vector: Float64Array): void {
  let m00 = 0, m01 = 0, m02 = 0, m03 = 0, m04 = 0, m11 = 0, m12 = 0, m13 = 0, m14 = 0, m22 = 0, m23 = 0, m24 = 0, m33 = 0, m34 = 0, m44 = 0;
  let v0 = 0, v1 = 0, v2 = 0, v3 = 0, v4 = 0;
  for (let r = 0; r < rows; r++) {
    const row = r * 5;
    const w = weights[r];
    const target = y[r];
    const x0 = x[row], x1 = x[row + 1], x2 = x[row + 2], x3 = x[row + 3], x4 = x[row + 4];
    const w0 = w * x0, w1 = w * x1, w2 = w * x2, w3 = w * x3, w4 = w * x4;
    v0 += w0 * target; m00 += w0 * x0; m01 += w0 * x1; m02 += w0 * x2; m03 += w0 * x3; m04 += w0 * x4;
    v1 += w1 * target; m11 += w1 * x1; m12 += w1 * x2; m13 += w1 * x3; m14 += w1 * x4;
    v2 += w2 * target; m22 += w2 * x2; m23 += w2 * x3; m24 += w2 * x4;
    v3 += w3 * target; m33 += w3 * x3; m34 += w3 * x4;
    v4 += w4 * target; m44 += w4 * x4;
  }
  matrix.set([m00, m01, m02, m03, m04, m01, m11, m12, m13, m14, m02, m12, m22, m23, m24, m03, m13, m23, m33, m34, m04, m14, m24, m34, m44]);
  vector.set([v0, v1, v2, v3, v4]);
}

/** Coefficients β minimising Σ |y − β·x| over the rows `indices` of (x, y); no intercept. */
export function leastAbsoluteFit(allX: Float64Array, allY: Float64Array, features: number, rowIndices: ArrayLike<number>): number[] {
  // The rows copied together once: every iteration reads them twice, in order, from the cache
  // rather than scattered through the whole table (a group is every 24th row).
  const x = new Float64Array(rowIndices.length * features);
  const y = new Float64Array(rowIndices.length);
  for (let r = 0; r < rowIndices.length; r++) {
    const from = rowIndices[r] * features;
    for (let a = 0; a < features; a++) x[r * features + a] = allX[from + a];
    y[r] = allY[rowIndices[r]];
  }
  const rows = rowIndices.length;
  const weights = new Float64Array(rows).fill(1);
  let beta = new Array<number>(features).fill(0);
  const matrix = new Float64Array(features * features);
  const vector = new Float64Array(features);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    if (features === 5) normalEquations5(x, y, rows, weights, matrix, vector);
    else normalEquations(x, y, features, rows, weights, matrix, vector);
    beta = solve(matrix, vector, features);
    if (features === 5) reweight5(x, y, rows, beta, weights);
    else reweight(x, y, features, rows, beta, weights);
  }
  return beta;
}

/** The IRLS weights 1 / |residual| of the rows under `beta`. */
function reweight(x: Float64Array, y: Float64Array, features: number, rows: number, beta: readonly number[], weights: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const row = r * features;
    let fitted = 0;
    for (let a = 0; a < features; a++) fitted += beta[a] * x[row + a];
    const residual = Math.abs(y[r] - fitted);
    weights[r] = 1 / (residual > MIN_RESIDUAL ? residual : MIN_RESIDUAL);
  }
}

/** reweight of five features, the products added in the same order. */
function reweight5(x: Float64Array, y: Float64Array, rows: number, beta: readonly number[], weights: Float64Array): void {
  const [b0, b1, b2, b3, b4] = beta;
  for (let r = 0; r < rows; r++) {
    const row = r * 5;
    let fitted = 0;
    fitted += b0 * x[row];
    fitted += b1 * x[row + 1];
    fitted += b2 * x[row + 2];
    fitted += b3 * x[row + 3];
    fitted += b4 * x[row + 4];
    const residual = Math.abs(y[r] - fitted);
    weights[r] = 1 / (residual > MIN_RESIDUAL ? residual : MIN_RESIDUAL);
  }
}
