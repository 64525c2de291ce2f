/** The hotspots answer as GeoJSON hexagon polygons or CSV, for GIS tools and spreadsheets. */
import { cellToBoundary } from 'h3-js';
import type { HotspotsResponse } from '@/lib/hotspots/schemas';

export function toGeoJson(response: HotspotsResponse) {
  const { hexagons, ...meta } = response;
  return {
    type: 'FeatureCollection' as const,
    metadata: meta,
    features: hexagons.map((hexagon) => {
      return {
        type: 'Feature' as const,
        id: hexagon.h3,
        // GeoJSON order ([lon, lat]) and a closed ring.
        geometry: { type: 'Polygon' as const, coordinates: [cellToBoundary(hexagon.h3, true)] },
        properties: hexagon,
      };
    }),
  };
}

const CSV_COLUMNS = ['h3', 'lat', 'lon', 'weight', 'value', 'rank', 'stations', 'coverage'] as const;
const COMPARISON_COLUMNS = [...CSV_COLUMNS, 'baseValue', 'delta', 'deltaWeight'] as const;

export function toCsv(response: HotspotsResponse): string {
  const columns = response.base ? COMPARISON_COLUMNS : CSV_COLUMNS;
  // An empty field, not "null", where a comparison has no value: what spreadsheets read as missing.
  const lines = response.hexagons.map((hexagon) => columns.map((column) => String(hexagon[column] ?? '')).join(','));
  return [columns.join(','), ...lines].join('\n') + '\n';
}
