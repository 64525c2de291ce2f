/**
 * Deterministic randomness. Everything the simulator invents comes from here so that the same
 * seed gives byte-identical feeds on every machine (Math.random is never used).
 */

/** Sequential generator for building the city once (mulberry32). Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = toUint32(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stateless hash of integers to a uint32. Used for per-(station, time) noise, so any poll can be
 * computed on its own without replaying the history before it.
 */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    // Mix the high word too: epoch seconds and large ids do not fit in 32 bits.
    h = mix(h ^ toUint32(part));
    h = mix(h ^ toUint32(Math.floor(part / 4294967296)));
  }
  return h >>> 0;
}

/** hash32 mapped to [0, 1). */
export function unitHash(...parts: number[]): number {
  return hash32(...parts) / 4294967296;
}

/** Smooth noise in [-1, 1] along x: changes gradually between integer x, never jumps. */
export function smoothNoise(x: number, ...key: number[]): number {
  const i = Math.floor(x);
  const f = x - i;
  const a = unitHash(...key, i);
  const b = unitHash(...key, i + 1);
  const s = f * f * (3 - 2 * f);
  return (a + (b - a) * s) * 2 - 1;
}

/** Standard normal draw (Box-Muller) from a sequential generator. */
export function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

/** Fisher-Yates on a copy. */
export function shuffled<T>(rand: () => number, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function toUint32(n: number): number {
  return Number.isFinite(n) ? Math.trunc(n) >>> 0 : 0;
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
