/** The hotspots answer as GeoJSON hexagon polygons, CSV or Parquet, for GIS tools, spreadsheets and dataframes. */
import { cellToBoundary } from 'h3-js';
import type { ExportColumn } from '@/lib/export/columnTypes';
import { parquetEncoder } from '@/lib/export/parquetEncoder';
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

type HexagonRow = HotspotsResponse['hexagons'][number];

const PARQUET_COLUMNS: ExportColumn<HexagonRow>[] = [
  { name: 'h3', type: 'text', description: 'H3 cell', cell: (h) => h.h3 },
  { name: 'lat', type: 'double', description: "the cell's centre", cell: (h) => h.lat },
  { name: 'lon', type: 'double', description: "the cell's centre", cell: (h) => h.lon },
  { name: 'weight', type: 'double', description: 'value / the largest value', cell: (h) => h.weight },
  { name: 'value', type: 'double', nullable: true, description: 'the metric over the period', cell: (h) => h.value },
  { name: 'rank', type: 'int', description: '1 = heaviest', cell: (h) => h.rank },
  { name: 'stations', type: 'int', description: 'stations observed in the cell', cell: (h) => h.stations },
  { name: 'coverage', type: 'double', description: 'observed share of station time', cell: (h) => h.coverage },
];
const PARQUET_COMPARISON_COLUMNS: ExportColumn<HexagonRow>[] = [
  ...PARQUET_COLUMNS,
  { name: 'baseValue', type: 'double', nullable: true, description: 'the value over the base period', cell: (h) => h.baseValue ?? null },
  { name: 'delta', type: 'double', nullable: true, description: 'value − baseValue', cell: (h) => h.delta ?? null },
  { name: 'deltaWeight', type: 'double', nullable: true, description: 'delta / the largest |delta|', cell: (h) => h.deltaWeight ?? null },
];

/** The same table as the CSV, typed, with what the answer says about itself in the file's metadata. */
export function toParquet(response: HotspotsResponse): Uint8Array {
  const { hexagons, ...meta } = response;
  const encoder = parquetEncoder(response.base ? PARQUET_COMPARISON_COLUMNS : PARQUET_COLUMNS, {
    timeZone: response.timezone,
    metadata: { 'gbfs_hotspots.answer': JSON.stringify(meta) },
    createdBy: 'gbfs-hotspots /api/hotspots',
  });
  const chunks = [...encoder.start(), ...encoder.add(hexagons), ...encoder.end()];
  return Buffer.concat(chunks);
}
