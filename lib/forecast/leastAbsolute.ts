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

/** Coefficients β minimising Σ |y − β·x| over the rows `indices` of (x, y); no intercept. */
export function leastAbsoluteFit(x: Float64Array, y: Float64Array, features: number, indices: ArrayLike<number>): number[] {
  const weights = new Float64Array(indices.length).fill(1);
  let beta = new Array<number>(features).fill(0);
  const matrix = new Float64Array(features * features);
  const vector = new Float64Array(features);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    matrix.fill(0);
    vector.fill(0);
    for (let r = 0; r < indices.length; r++) {
      const index = indices[r];
      const row = index * features;
      const w = weights[r];
      const target = y[index];
      for (let a = 0; a < features; a++) {
        const wa = w * x[row + a];
        vector[a] += wa * target;
        const base = a * features;
        for (let b = a; b < features; b++) matrix[base + b] += wa * x[row + b];
      }
    }
    for (let a = 0; a < features; a++) for (let b = 0; b < a; b++) matrix[a * features + b] = matrix[b * features + a];
    beta = solve(matrix, vector, features);
    for (let r = 0; r < indices.length; r++) {
      const index = indices[r];
      const row = index * features;
      let fitted = 0;
      for (let a = 0; a < features; a++) fitted += beta[a] * x[row + a];
      const residual = Math.abs(y[index] - fitted);
      weights[r] = 1 / (residual > MIN_RESIDUAL ? residual : MIN_RESIDUAL);
    }
  }
  return beta;
}
