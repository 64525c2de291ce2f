import { describe, expect, it } from 'vitest';
import { compareHexagons } from './compare';
import type { Hexagon } from './types';

const hexagon = (h3: string, value: number, weight = 0): Hexagon => ({ h3, lat: 0, lon: 0, value, weight, rank: 0, stations: 1, coverage: 1 });

describe('two periods compared', () => {
  const current = [hexagon('a', 0.8, 1), hexagon('b', 0.2, 0.25), hexagon('only-now', 0.5, 0.625)];
  const base = [hexagon('a', 0.5), hexagon('b', 0.6), hexagon('only-before', 0.4)];

  it('gives each hexagon of either period its value, base value, delta and delta weight, largest |delta| first', () => {
    const compared = compareHexagons(current, base);
    expect(compared.map(({ h3, value, baseValue, delta, deltaWeight, rank }) => ({ h3, value, baseValue, delta, deltaWeight, rank }))).toEqual([
      { h3: 'b', value: 0.2, baseValue: 0.6, delta: 0.2 - 0.6, deltaWeight: -1, rank: 1 },
      { h3: 'a', value: 0.8, baseValue: 0.5, delta: 0.8 - 0.5, deltaWeight: (0.8 - 0.5) / (0.6 - 0.2), rank: 2 },
      { h3: 'only-before', value: null, baseValue: 0.4, delta: null, deltaWeight: null, rank: 3 },
      { h3: 'only-now', value: 0.5, baseValue: null, delta: null, deltaWeight: null, rank: 4 },
    ]);
    expect(compared.find((h) => h.h3 === 'only-before')?.weight).toBe(0);
  });

  it('keeps the top N by |delta|, and answers deltas of 0 with weight 0', () => {
    expect(compareHexagons(current, base, 1).map((h) => h.h3)).toEqual(['b']);
    expect(compareHexagons([hexagon('a', 0.3)], [hexagon('a', 0.3)])[0]).toMatchObject({ delta: 0, deltaWeight: 0 });
  });
});
