import { cellToLatLng, cellToParent, getResolution } from 'h3-js';
import { addFigures } from './credit';
import { METRICS, RESOLUTIONS, type Hexagon, type Metric, type Resolution, type WindowFigures } from './types';

export interface HotspotOptions {
  metric: Metric;
  resolution: Resolution;
  /** Length of the window the rows were summed over; the denominator of coverage. */
  windowSeconds: number;
  /** Keep only the top N hexagons, after weights have been computed over all of them. */
  limit?: number;
  /** Names and capacities of the stations, to name each hexagon after its largest one. */
  stations?: ReadonlyMap<string, StationName>;
}

export interface StationName {
  name: string;
  capacity: number | null;
}

/** "Châtelet" for one station, "Châtelet + 2 more" for three: the largest by capacity, then by name. */
export function hexagonLabel(stationIds: readonly string[], names: ReadonlyMap<string, StationName>): string | undefined {
  const known = stationIds.flatMap((id) => names.get(id) ?? []);
  if (known.length === 0) return undefined;
  const [largest] = [...known].sort((a, b) => (b.capacity ?? -1) - (a.capacity ?? -1) || a.name.localeCompare(b.name));
  return stationIds.length > 1 ? `${largest.name} + ${stationIds.length - 1} more` : largest.name;
}

export interface Hotspots {
  /** Observed share of (stations × window) over every observed station of the window. */
  coverage: number;
  /** Distinct observed stations of the window. */
  stations: number;
  /** By weight, heaviest first. */
  hexagons: Hexagon[];
}

/** One station's figures inside one hexagon of the requested resolution. */
type StationInHexagon = WindowFigures;

function cellAtResolution(h3: string, resolution: Resolution): string {
  const own = getResolution(h3);
  if (own === resolution) return h3;
  if (own < resolution) throw new RangeError(`cell ${h3} is coarser than resolution ${resolution}`);
  return cellToParent(h3, resolution);
}

/** numerator / denominator, 0 when there is nothing to divide by (nothing observed). */
export const ratio = (numerator: number, denominator: number): number => (denominator > 0 ? numerator / denominator : 0);

/**
 * The metric's value for one hexagon, or null when the hexagon has nothing to say about it
 * (bike types never reported). `bikes`, `ebikes` and `mechanical` add up per-station averages,
 * so a hexagon's figure is "bikes parked there on average", however long each station was seen.
 */
function metricValue(metric: Metric, stations: StationInHexagon[]): number | null {
  const total = stations.reduce(addFigures);
  switch (metric) {
    case 'occupancy':
      return ratio(total.bikeS, total.bikeS + total.dockS);
    case 'full':
      return ratio(total.fullS, total.observedS);
    case 'empty':
      return ratio(total.emptyS, total.observedS);
    case 'bikes':
      return stations.reduce((sum, station) => sum + ratio(station.bikeS, station.observedS), 0);
    case 'ebikes':
    case 'mechanical': {
      const typed = stations.filter((station) => station.typedS > 0);
      if (typed.length === 0) return null;
      const typedIntegral = (station: StationInHexagon) => (metric === 'ebikes' ? station.ebikeS : station.mechanicalS);
      return typed.reduce((sum, station) => sum + typedIntegral(station) / station.typedS, 0);
    }
  }
}

/** Every metric of one hexagon from its stations' figures, as a hotspot's value is computed. */
export function hexagonFigures(stations: WindowFigures[]): Record<Metric, number | null> & { observedS: number } {
  const values = Object.fromEntries(METRICS.map((metric) => [metric, metricValue(metric, stations)])) as Record<Metric, number | null>;
  return { observedS: stations.reduce((sum, station) => sum + station.observedS, 0), ...values };
}

function byWeightThenCell(a: Hexagon, b: Hexagon): number {
  if (a.weight !== b.weight) return b.weight - a.weight;
  return a.h3 < b.h3 ? -1 : a.h3 > b.h3 ? 1 : 0;
}

/**
 * A hexagon's centre to 6 decimals (~0.1 m; a resolution-10 hexagon is ~75 m across): the 17
 * digits cellToLatLng gives were a sixth of an answer's bytes, and h3 names the cell exactly.
 */
export function hexagonCentre(h3: string): [number, number] {
  const [lat, lon] = cellToLatLng(h3);
  return [Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6];
}

/**
 * Hexagons of `resolution` scored by `metric` from per-(station, cell) window sums. A station
 * is counted in every cell it occupied during the window, with the figures earned there.
 */
export function computeHotspots(rows: Iterable<WindowFigures>, options: HotspotOptions): Hotspots {
  const { metric, resolution, windowSeconds, limit } = options;
  if (!METRICS.includes(metric)) throw new RangeError(`unknown metric: ${String(metric)}`);
  if (!RESOLUTIONS.includes(resolution)) throw new RangeError(`resolution must be one of ${RESOLUTIONS.join(', ')}`);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  }

  // hexagon -> stationId -> that station's figures in the hexagon (its res-10 cells merged)
  const hexagonStations = new Map<string, Map<string, StationInHexagon>>();
  const observedSByStation = new Map<string, number>();
  for (const row of rows) {
    if (row.observedS <= 0) continue;
    const cell = cellAtResolution(row.h3, resolution);
    let stations = hexagonStations.get(cell);
    if (stations === undefined) hexagonStations.set(cell, (stations = new Map()));
    const existing = stations.get(row.stationId);
    stations.set(row.stationId, existing === undefined ? { ...row, h3: cell } : addFigures(existing, row));
    observedSByStation.set(row.stationId, (observedSByStation.get(row.stationId) ?? 0) + row.observedS);
  }

  const scored: Array<{ h3: string; value: number; stations: StationInHexagon[] }> = [];
  for (const [h3, stationMap] of hexagonStations) {
    const stations = [...stationMap.values()];
    const value = metricValue(metric, stations);
    if (value !== null) scored.push({ h3, value, stations });
  }

  const largest = scored.reduce((max, hexagon) => Math.max(max, hexagon.value), 0);
  const hexagons: Hexagon[] = scored.map(({ h3, value, stations }) => {
    const [lat, lon] = hexagonCentre(h3);
    const observedS = stations.reduce((sum, station) => sum + station.observedS, 0);
    return {
      h3,
      lat,
      lon,
      value,
      weight: largest > 0 ? value / largest : 0,
      rank: 0,
      stations: stations.length,
      coverage: ratio(observedS, stations.length * windowSeconds),
      ...(options.stations && { label: hexagonLabel(stations.map((s) => s.stationId), options.stations) }),
    };
  });
  hexagons.sort(byWeightThenCell);
  hexagons.forEach((hexagon, index) => (hexagon.rank = index + 1));

  const totalObservedS = [...observedSByStation.values()].reduce((sum, seconds) => sum + seconds, 0);
  return {
    coverage: ratio(totalObservedS, observedSByStation.size * windowSeconds),
    stations: observedSByStation.size,
    hexagons: limit === undefined ? hexagons : hexagons.slice(0, limit),
  };
}
