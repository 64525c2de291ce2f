/**
 * Viridis: perceptually uniform, readable with every common colour-vision deficiency and in
 * greyscale. Hexagons are coloured by weight, stretched over the weights present in the answer.
 */
export type Rgb = [number, number, number];

/** Viridis at nine evenly spaced points (matplotlib's values). */
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [71, 45, 123],
  [59, 82, 139],
  [44, 114, 142],
  [33, 145, 140],
  [40, 174, 128],
  [94, 201, 98],
  [173, 220, 48],
  [253, 231, 37],
];

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** The ramp at t in [0, 1] (clamped), linearly interpolated between its points. */
export function rampColor(t: number): Rgb {
  return interpolate(VIRIDIS, Number.isFinite(t) ? t : 0);
}

/** A ramp's colour at t in [0, 1] (clamped), linearly interpolated between its points. */
function interpolate(ramp: readonly Rgb[], t: number): Rgb {
  const position = Math.min(1, Math.max(0, t)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(position));
  const f = position - i;
  const [a, b] = [ramp[i], ramp[i + 1]];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as Rgb;
}

export const RAMP_CSS_GRADIENT = `linear-gradient(to right, ${VIRIDIS.map(hex).join(', ')})`;

/** The weights and values the colours stretch over: the lightest and heaviest hexagon shown. */
export interface ColorDomain {
  minWeight: number;
  maxWeight: number;
  minValue: number;
  maxValue: number;
}

export function colorDomainOf(all: readonly { weight: number; value: number | null }[]): ColorDomain | null {
  // A comparison's hexagons seen in the base period only have no value of their own.
  const hexagons = all.filter((h): h is { weight: number; value: number } => h.value !== null);
  if (hexagons.length === 0) return null;
  let [minWeight, maxWeight, minValue, maxValue] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const h of hexagons) {
    minWeight = Math.min(minWeight, h.weight);
    maxWeight = Math.max(maxWeight, h.weight);
    minValue = Math.min(minValue, h.value);
    maxValue = Math.max(maxValue, h.value);
  }
  return { minWeight, maxWeight, minValue, maxValue };
}

/** Position of a weight on the ramp; a single weight (or all equal) sits at the top. */
function rampPosition(weight: number, domain: ColorDomain): number {
  const span = domain.maxWeight - domain.minWeight;
  return span > 0 ? (weight - domain.minWeight) / span : 1;
}

export function colorForWeight(weight: number, domain: ColorDomain): Rgb {
  return rampColor(rampPosition(weight, domain));
}

/**
 * ColorBrewer's PuOr (purple–white–orange, 9 classes): a diverging ramp readable with every common
 * colour-vision deficiency, for a comparison's deltaWeight in [−1, 1]: purple less, orange more.
 */
const PU_OR: readonly Rgb[] = [
  [84, 39, 136],
  [128, 115, 172],
  [178, 171, 210],
  [216, 218, 235],
  [247, 247, 247],
  [254, 224, 182],
  [253, 184, 99],
  [224, 130, 20],
  [179, 88, 6],
];

/** The colour of a deltaWeight (−1 … 1, 0 in the middle); a hexagon of one period only is grey. */
export function deltaColor(deltaWeight: number | null | undefined): Rgb {
  if (deltaWeight === null || deltaWeight === undefined || !Number.isFinite(deltaWeight)) return [170, 170, 170];
  return interpolate(PU_OR, (deltaWeight + 1) / 2);
}

export const DELTA_CSS_GRADIENT = `linear-gradient(to right, ${PU_OR.map(hex).join(', ')})`;
