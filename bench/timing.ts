/** Wall-clock timing helpers. The machines are shared and noisy: report medians, compare within one run. */

export async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

export const median = (xs: readonly number[]) => sorted(xs)[Math.floor(xs.length / 2)];
export const p90 = (xs: readonly number[]) => sorted(xs)[Math.floor(xs.length * 0.9)];

/** Milliseconds with one decimal: enough for these figures, and short in JSON. */
export const ms = (value: number) => Math.round(value * 10) / 10;
