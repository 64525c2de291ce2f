/**
 * Two periods compared hexagon by hexagon: the value of each, their difference, and the
 * difference relative to the largest one of the answer, so that a map can colour it on a ramp
 * centred on zero.
 */
import type { Hexagon } from './types';

export interface ComparedHexagon extends Omit<Hexagon, 'value'> {
  /** null: the hexagon observed nothing in the period (it exists in the base only). */
  value: number | null;
  baseValue: number | null;
  delta: number | null;
  /** delta ÷ the largest |delta| of the answer, in [−1, 1]. */
  deltaWeight: number | null;
}

const magnitude = (hexagon: ComparedHexagon) => (hexagon.delta === null ? -1 : Math.abs(hexagon.delta));

/** Every hexagon of either period, largest |delta| first (those with one side only last), then by cell. */
export function compareHexagons(current: readonly Hexagon[], base: readonly Hexagon[], limit?: number): ComparedHexagon[] {
  const baseByCell = new Map(base.map((hexagon) => [hexagon.h3, hexagon]));
  const currentCells = new Set(current.map((hexagon) => hexagon.h3));
  const compared: ComparedHexagon[] = [
    ...current.map((hexagon) => {
      const baseValue = baseByCell.get(hexagon.h3)?.value ?? null;
      return { ...hexagon, baseValue, delta: baseValue === null ? null : hexagon.value - baseValue, deltaWeight: null };
    }),
    ...base
      .filter((hexagon) => !currentCells.has(hexagon.h3))
      .map((hexagon) => ({ ...hexagon, value: null, weight: 0, baseValue: hexagon.value, delta: null, deltaWeight: null })),
  ];
  const largest = compared.reduce((max, hexagon) => Math.max(max, magnitude(hexagon)), 0);
  for (const hexagon of compared) {
    if (hexagon.delta !== null) hexagon.deltaWeight = largest > 0 ? hexagon.delta / largest : 0;
  }
  compared.sort((a, b) => magnitude(b) - magnitude(a) || (a.h3 < b.h3 ? -1 : a.h3 > b.h3 ? 1 : 0));
  compared.forEach((hexagon, index) => (hexagon.rank = index + 1));
  return limit === undefined ? compared : compared.slice(0, limit);
}
