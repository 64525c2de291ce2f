import { latLngToCell, cellToLatLng } from 'h3-js';
import { describe, expect, it } from 'vitest';
import type { HexagonDto } from '@/lib/hotspots/schemas';
import { colorForWeight, deltaColor } from './colorRamp';
import { stationDots, UNOBSERVED_DOT } from './stationDots';

const station = (id: string, lat: number, lon: number) => ({ id, name: `Station ${id}`, code: id, lat, lon, capacity: 20 });
const A = station('a', 48.8566, 2.3522);
const B = station('b', 48.87, 2.36);
const C = station('c', 48.88, 2.3);
const cellOf = (s: { lat: number; lon: number }) => latLngToCell(s.lat, s.lon, 10);
const hexagon = (cell: string, value: number | null, weight: number, extra: Partial<HexagonDto> = {}): HexagonDto => {
  const [lat, lon] = cellToLatLng(cell);
  return { h3: cell, lat, lon, value, weight, rank: 1, stations: 1, coverage: 1, ...extra };
};
const domain = { minWeight: 0.5, maxWeight: 1, minValue: 0.25, maxValue: 0.5 };

describe('station dots', () => {
  it('take the figure and colour of their resolution-10 hexagon in the answer', () => {
    const dots = stationDots([A, B, C], { hexagons: [hexagon(cellOf(A), 0.5, 1), hexagon(cellOf(B), 0.25, 0.5, { stations: 2 })], domain, compared: false });
    expect(dots.map((d) => [d.id, d.value, d.cellStations])).toEqual([
      ['a', 0.5, 1],
      ['b', 0.25, 2],
      ['c', null, 0],
    ]);
    expect(dots[0].color).toEqual(colorForWeight(1, domain));
    expect(dots[1].color).toEqual(colorForWeight(0.5, domain));
    expect(dots[2].color).toEqual(UNOBSERVED_DOT);
    expect(dots[0].position).toEqual([A.lon, A.lat]);
    expect(dots[0].delta).toBeUndefined();
  });

  it('in a comparison, are coloured by the change as the hexagons are', () => {
    const dots = stationDots([A, B], {
      hexagons: [hexagon(cellOf(A), 0.5, 1, { baseValue: 0.3, delta: 0.2, deltaWeight: 1 }), hexagon(cellOf(B), null, 0, { baseValue: 0.4, delta: null, deltaWeight: null })],
      domain,
      compared: true,
    });
    expect(dots[0]).toMatchObject({ value: 0.5, delta: 0.2, color: deltaColor(1) });
    expect(dots[1]).toMatchObject({ value: null, delta: null, color: deltaColor(null) });
  });
});
