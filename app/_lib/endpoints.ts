/** URLs of the JSON API, built from the view's parameters. */
import type { Metric } from '@/lib/hotspots/types';
import type { Resolution } from '@/lib/hotspots/types';

export const SYSTEMS_URL = '/api/systems';

export interface WindowParams {
  system: string;
  date: string;
  from: number;
  to: number;
}

export interface HotspotsParams extends WindowParams {
  metric: Metric;
  resolution: Resolution;
}

function windowSearch({ system, date, from, to }: WindowParams): URLSearchParams {
  const params = new URLSearchParams({ system, date });
  if (from !== 0) params.set('from', String(from));
  if (to !== 24) params.set('to', String(to));
  return params;
}

export function hotspotsUrl(params: HotspotsParams): string {
  const search = windowSearch(params);
  search.set('metric', params.metric);
  search.set('resolution', String(params.resolution));
  return `/api/hotspots?${search}`;
}

export function hexagonUrl(h3: string, params: WindowParams): string {
  return `/api/hexagons/${encodeURIComponent(h3)}?${windowSearch(params)}`;
}
