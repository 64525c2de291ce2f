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
  // Built for every poll's forecast (the map's answer): plain loops, sums in the stations' order.
  const hexagons: ForecastHexagon[] = [];
  for (const [h3, members] of byCell) {
    let capacity = 0;
    for (const s of members) capacity += s.capacity;
    if (capacity === 0) continue;
    const [lat, lon] = hexagonCentre(h3);
    const occupancy = new Array<number>(hours);
    const pFull = new Array<number>(hours);
    const pEmpty = new Array<number>(hours);
    for (let k = 0; k < hours; k++) {
      let bikes = 0;
      let full = 0;
      let empty = 0;
      for (const s of members) {
        bikes += s.bikes[k];
        full += s.pFull[k];
        empty += s.pEmpty[k];
      }
      occupancy[k] = round(bikes / capacity);
      pFull[k] = round(full / members.length);
      pEmpty[k] = round(empty / members.length);
    }
    hexagons.push({ h3, lat, lon, stations: members.length, label: hexagonLabel(members.map((s) => s.id), names), occupancy, weight: [], pFull, pEmpty });
  }
  for (let k = 0; k < hours; k++) {
    const largest = hexagons.reduce((max, h) => Math.max(max, h.occupancy[k]), 0);
    for (const hexagon of hexagons) hexagon.weight.push(largest > 0 ? round(hexagon.occupancy[k] / largest) : 0);
  }
  return hexagons.sort((a, b) => b.weight[0] - a.weight[0] || (a.h3 < b.h3 ? -1 : a.h3 > b.h3 ? 1 : 0));
}
