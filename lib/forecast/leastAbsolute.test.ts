import { describe, expect, it } from 'vitest';
import { leastAbsoluteFit } from './leastAbsolute';

const rows = (data: number[][]) => ({ x: Float64Array.from(data.flatMap((r) => r.slice(0, -1))), y: Float64Array.from(data.map((r) => r[r.length - 1])) });
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('leastAbsoluteFit', () => {
  it('recovers exact coefficients of noise-free rows', () => {
    const data = Array.from({ length: 50 }, (_, i) => [i % 7, (i * 3) % 11, 2 * (i % 7) - 0.5 * ((i * 3) % 11)]);
    const { x, y } = rows(data);
    const [a, b] = leastAbsoluteFit(x, y, 2, all(data.length));
    expect(a).toBeCloseTo(2, 4);
    expect(b).toBeCloseTo(-0.5, 4);
  });

  it('follows the median, not the mean: a fifth of the rows off by +10 barely move it', () => {
    // Least squares would give a slope of 1 + 0.2 · 10 / mean(x) ≈ 1.36 here.
    const data = Array.from({ length: 100 }, (_, i) => [1 + (i % 10), 1 + (i % 10) + (i % 5 === 0 ? 10 : 0)]);
    const { x, y } = rows(data);
    const [slope] = leastAbsoluteFit(x, y, 1, all(data.length));
    expect(slope).toBeGreaterThan(0.99);
    expect(slope).toBeLessThan(1.02);
  });

  it('keeps a feature that never varies at 0, and fits only the rows it is given', () => {
    const data = [[1, 0, 3], [2, 0, 6], [3, 0, 9], [4, 0, 100]];
    const { x, y } = rows(data);
    const [a, b] = leastAbsoluteFit(x, y, 2, [0, 1, 2]);
    expect(a).toBeCloseTo(3, 4);
    expect(b).toBe(0);
  });
});
