/**
 * Hexagons of an issued forecast: per hour, a hexagon's expected occupancy is its stations'
 * expected bikes ÷ their capacities (bikes + free docks, as the day view's occupancy), and its
 * weight that occupancy relative to the largest of the hour (as in /api/hotspots).
 */
import { cellToParent, getResolution } from 'h3-js';
import { hexagonCentre, hexagonLabel } from '@/lib/hotspots/aggregate';
import type { IssuedStation } from './types';

export interface ForecastHexagon {
  h3: string;
  lat: number;
  lon: number;
  stations: number;
  label?: string;
  occupancy: number[];
  weight: number[];
  pFull: number[];
  pEmpty: number[];
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;

export function forecastHexagons(stations: readonly IssuedStation[], resolution: number, hours: number): ForecastHexagon[] {
  const byCell = new Map<string, IssuedStation[]>();
  for (const station of stations) {
    const cell = getResolution(station.h3) === resolution ? station.h3 : cellToParent(station.h3, resolution);
    const list = byCell.get(cell);
    if (list === undefined) byCell.set(cell, [station]);
    else list.push(station);
  }
  const names = new Map(stations.map((s) => [s.id, { name: s.name, capacity: s.capacity }]));
  const hexagons = [...byCell].flatMap(([h3, members]) => {
    const capacity = members.reduce((sum, s) => sum + s.capacity, 0);
    if (capacity === 0) return [];
    const [lat, lon] = hexagonCentre(h3);
    const mean = (pick: (s: IssuedStation) => number) => members.reduce((sum, s) => sum + pick(s), 0) / members.length;
    const hourly = Array.from({ length: hours }, (_, k) => k);
    return [{
      h3,
      lat,
      lon,
      stations: members.length,
      label: hexagonLabel(members.map((s) => s.id), names),
      occupancy: hourly.map((k) => round(members.reduce((sum, s) => sum + s.bikes[k], 0) / capacity)),
      weight: [] as number[],
      pFull: hourly.map((k) => round(mean((s) => s.pFull[k]))),
      pEmpty: hourly.map((k) => round(mean((s) => s.pEmpty[k]))),
    }];
  });
  for (let k = 0; k < hours; k++) {
    const largest = hexagons.reduce((max, h) => Math.max(max, h.occupancy[k]), 0);
    for (const hexagon of hexagons) hexagon.weight.push(largest > 0 ? round(hexagon.occupancy[k] / largest) : 0);
  }
  return hexagons.sort((a, b) => b.weight[0] - a.weight[0] || (a.h3 < b.h3 ? -1 : a.h3 > b.h3 ? 1 : 0));
}
