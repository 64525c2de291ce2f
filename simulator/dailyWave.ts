/**
 * How full a station "wants" to be at a given local time: the commuter wave that makes bikes pile
 * up in business districts by day and back in residential areas by night.
 */
import type { StationKind } from './city';

/** 0 at night, ramps to 1 once commuters have left home (9 h), back to 0 after the evening rush. */
export function commuteLevel(hour: number): number {
  return smoothstep(6.5, 9, hour) - smoothstep(16.5, 19.5, hour);
}

/** Afternoon outings: parks and the centre gain bikes, homes lose some. */
export function leisureLevel(hour: number): number {
  return smoothstep(10, 13.5, hour) - smoothstep(18, 22, hour);
}

/** Target fill (0..1, unclamped) for a station of `kind`. */
export function targetFill(
  kind: StationKind,
  hour: number,
  weekend: boolean,
  baseFill: number,
  amplitude: number,
): number {
  const c = commuteLevel(hour);
  const l = leisureLevel(hour);
  // Weekends are flatter: few commuters, some leisure trips.
  const swing = weekend ? WEEKEND[kind](c, l) : WEEKDAY[kind](c, l);
  return baseFill + amplitude * swing;
}

type Swing = (commute: number, leisure: number) => number;

// Residential stations outnumber the others about 2:1, so they swing less for the bikes in the
// system to stay roughly constant (about a tenth of them are out riding during the day).
const WEEKDAY: Record<StationKind, Swing> = {
  residential: (c) => -0.65 * c,
  // Train stations empty as commuters ride off to work, and refill in the evening.
  transit: (c) => -1.2 * c,
  centre: (c, l) => 0.9 * c + 0.1 * l,
  business: (c) => 1.1 * c,
  park: (_c, l) => 0.3 * l,
};

const WEEKEND: Record<StationKind, Swing> = {
  residential: (c, l) => -0.25 * c - 0.4 * l,
  transit: (c) => -0.3 * c,
  centre: (c, l) => 0.2 * c + 0.5 * l,
  business: (c) => 0.15 * c,
  park: (_c, l) => 0.8 * l,
};

function smoothstep(from: number, to: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - from) / (to - from)));
  return t * t * (3 - 2 * t);
}
