/**
 * Past a close zoom the hexagons are larger than the gaps between stations: each station is drawn
 * as a dot, coloured as the hexagons are. Its figure is the one of its resolution-10 hexagon (~75 m
 * across) in the same answer asked at that resolution: a station's own figure wherever the cell
 * holds it alone, as it nearly always does; the tooltip says when the cell holds several.
 */
import { latLngToCell } from 'h3-js';
import type { HexagonDto } from '@/lib/hotspots/schemas';
import type { StationDto } from '@/lib/stations/schemas';
import { STORED_RESOLUTION } from '@/lib/hotspots/types';
import { colorForWeight, deltaColor, type ColorDomain, type Rgb } from './colorRamp';

/** From this map zoom on, stations are drawn as dots over the hexagons. */
export const STATION_DOTS_ZOOM = 16;

/** A station nothing was observed of in the view's period and hours. */
export const UNOBSERVED_DOT: Rgb = [150, 150, 150];

export interface StationDot {
  id: string;
  name: string;
  code: string | null;
  /** [lon, lat], deck.gl's order. */
  position: [number, number];
  /** The metric over the view (of its cell), null where nothing was observed. */
  value: number | null;
  /** Comparison only: the change against the base period, null where either period saw nothing. */
  delta: number | null | undefined;
  color: Rgb;
  /** Stations of its resolution-10 cell in the answer (more than one: the figure is theirs together). */
  cellStations: number;
}

export interface DotColouring {
  /** The answer at resolution 10. */
  hexagons: readonly HexagonDto[];
  domain: ColorDomain | null;
  /** Colour by deltaWeight on the diverging ramp, as the compared hexagons are. */
  compared: boolean;
}

export function stationDots(stations: readonly StationDto[], { hexagons, domain, compared }: DotColouring): StationDot[] {
  const byCell = new Map(hexagons.map((h) => [h.h3, h]));
  return stations.map((station) => {
    const hexagon = byCell.get(latLngToCell(station.lat, station.lon, STORED_RESOLUTION));
    const observed = hexagon !== undefined && (compared || hexagon.value !== null);
    let color = UNOBSERVED_DOT;
    if (observed) color = compared ? deltaColor(hexagon.deltaWeight) : domain ? colorForWeight(hexagon.weight, domain) : UNOBSERVED_DOT;
    return {
      id: station.id,
      name: station.name,
      code: station.code,
      position: [station.lon, station.lat],
      value: hexagon?.value ?? null,
      delta: compared ? (hexagon?.delta ?? null) : undefined,
      color,
      cellStations: hexagon?.stations ?? 0,
    };
  });
}
