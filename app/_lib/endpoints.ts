/** URLs of the JSON API, built from the view's parameters. */
import type { Period } from '@/lib/api/periodFields';
import type { Metric, Resolution } from '@/lib/hotspots/types';

export const SYSTEMS_URL = '/api/systems';

/** The catalog of public GBFS systems searched for `q`, the best `limit` matches. */
export function catalogUrl(q: string, limit: number): string {
  return `/api/catalog?${new URLSearchParams({ q, limit: String(limit) })}`;
}

export interface WindowParams {
  system: string;
  date: string;
  from: number;
  to: number;
}

export interface HotspotsParams extends WindowParams {
  metric: Metric;
  resolution: Resolution;
  /** A period instead of `date`; null: the day. */
  period: Period | null;
  weekdays: number[] | null;
  base: Period | null;
}

/** The period of a view: `start`/`end` of a period, or the day; the API's names. */
export function periodSearch(params: Pick<HotspotsParams, 'system' | 'date' | 'period' | 'weekdays'>): URLSearchParams {
  const search = new URLSearchParams({ system: params.system });
  if (params.period) {
    search.set('start', params.period.start);
    search.set('end', params.period.end);
  } else search.set('date', params.date);
  if (params.weekdays) search.set('weekdays', params.weekdays.join(','));
  return search;
}

function windowSearch({ system, date, from, to }: WindowParams): URLSearchParams {
  const params = new URLSearchParams({ system, date });
  if (from !== 0) params.set('from', String(from));
  if (to !== 24) params.set('to', String(to));
  return params;
}

export function hotspotsUrl(params: HotspotsParams): string {
  const search = periodSearch(params);
  if (params.from !== 0) search.set('from', String(params.from));
  if (params.to !== 24) search.set('to', String(params.to));
  if (params.base) {
    search.set('baseStart', params.base.start);
    search.set('baseEnd', params.base.end);
  }
  search.set('metric', params.metric);
  search.set('resolution', String(params.resolution));
  return `/api/hotspots?${search}`;
}

export function hexagonUrl(h3: string, params: WindowParams): string {
  return `/api/hexagons/${encodeURIComponent(h3)}?${windowSearch(params)}`;
}

/** The typical week of a period, for one hexagon. */
export function profileUrl(h3: string, params: { system: string; period: Period; metric: Metric }): string {
  return `/api/profile?${new URLSearchParams({ system: params.system, start: params.period.start, end: params.period.end, h3, metric: params.metric })}`;
}

/** The longest full or empty episodes of a hexagon's stations over a period. */
export function episodesUrl(h3: string, params: { system: string; period: Period; kind: 'full' | 'empty' }): string {
  return `/api/episodes?${new URLSearchParams({ system: params.system, start: params.period.start, end: params.period.end, h3, kind: params.kind, limit: '5' })}`;
}

/** The next 24 hours of a system as the map draws them: its hexagons of `resolution`, as columns. */
export function forecastUrl(params: { system: string; resolution: Resolution }): string {
  return `/api/forecast?${new URLSearchParams({ system: params.system, resolution: String(params.resolution), view: 'map' })}`;
}

/** The next 24 hours of the stations inside one hexagon (the full view, for its panel). */
export function forecastStationsUrl(params: { system: string; resolution: Resolution; h3: string }): string {
  return `/api/forecast?${new URLSearchParams({ system: params.system, resolution: String(params.resolution), h3: params.h3 })}`;
}

/** Every station of a system (for the station search and the dots of a close zoom). */
export function stationsUrl(system: string): string {
  return `/api/stations?${new URLSearchParams({ system })}`;
}

export const DOWNLOAD_FORMATS = ['csv', 'geojson', 'parquet'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** The view's answer as a file: the same question as the map's, in another format. */
export function hotspotsDownloadUrl(params: HotspotsParams, format: DownloadFormat): string {
  return `${hotspotsUrl(params)}&format=${format}`;
}
