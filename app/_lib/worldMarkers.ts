/**
 * The world view: every collected system as one marker at its stations' centre, its area in
 * proportion to its stations, coloured by its freshness; and the view that frames them all.
 */
import { frameBounds, type Padding } from './frameBounds';
import { formatInteger } from './format';
import { freshnessLabel, pollStatus } from './pollStatus';
import type { SystemInfo } from './useSystems';
import type { MapView } from './viewQuery';

/** Below this zoom a city's hexagons are specks: every system shows as its marker. */
export const WORLD_ZOOM = 8;

export type Freshness = 'fresh' | 'stale' | 'failing' | 'waiting' | 'paused';

export interface SystemMarker {
  id: string;
  name: string;
  stations: number;
  position: [longitude: number, latitude: number];
  radiusPixels: number;
  freshness: Freshness;
  /** "Vélib' Métropole · 1,496 stations · updated 2 min ago" */
  label: string;
}

export const FRESHNESS_COLORS: Record<Freshness, [number, number, number]> = {
  fresh: [26, 150, 65],
  stale: [230, 159, 0],
  failing: [200, 30, 50],
  waiting: [120, 130, 145],
  paused: [120, 130, 145],
};

export function freshnessOf(system: SystemInfo, now: number): Freshness {
  if (system.paused) return 'paused';
  const status = pollStatus(system, now);
  if (status.failure) return 'failing';
  if (status.dataAgeSeconds === null) return 'waiting';
  return status.stale ? 'stale' : 'fresh';
}

/** Area in proportion to stations (above a disc a finger can hit): 100 stations, 10 px of radius; 1,500, about 23 px. */
export function markerRadius(stations: number): number {
  return Math.min(40, Math.max(7, 6 * Math.sqrt(Math.max(stations, 0) / 100)) + 4);
}

export function systemMarkers(systems: readonly SystemInfo[], now: number): SystemMarker[] {
  return systems.flatMap((system) => {
    if (!system.center) return [];
    return [
      {
        id: system.id,
        name: system.name,
        stations: system.stations,
        position: [system.center.lon, system.center.lat] as [number, number],
        radiusPixels: markerRadius(system.stations),
        freshness: freshnessOf(system, now),
        label: `${system.name} · ${formatInteger(system.stations)} stations · ${freshnessLabel(system, now)}`,
      },
    ];
  });
}

/** The view framing every system with a known place (at most zoom 5: a lone city is still seen from afar), or null when none has one. */
export function worldView(systems: readonly SystemInfo[], size: { width: number; height: number }, padding: Padding): MapView | null {
  const boxes = systems.flatMap((s) => (s.bounds ? [s.bounds] : s.center ? [[s.center.lon, s.center.lat, s.center.lon, s.center.lat] as const] : []));
  if (boxes.length === 0) return null;
  const west = Math.min(...boxes.map((b) => b[0]));
  const south = Math.min(...boxes.map((b) => b[1]));
  const east = Math.max(...boxes.map((b) => b[2]));
  const north = Math.max(...boxes.map((b) => b[3]));
  return frameBounds([west, south, east, north], size, padding, 5);
}
