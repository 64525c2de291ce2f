'use client';
/** The hexagons of one day, window, metric and resolution (/api/hotspots). */
import { hotspotsResponseSchema, type HotspotsResponse } from '@/lib/hotspots/schemas';
import { hotspotsUrl, type HotspotsParams } from './endpoints';
import { WINDOW_ANSWERS, prefetchApiResource, useApiResource, type Resource } from './useApiResource';

export function useHotspots(params: HotspotsParams | null): Resource<HotspotsResponse> & { url: string | null } {
  const url = params ? hotspotsUrl(params) : null;
  return { ...useApiResource(url, hotspotsResponseSchema, WINDOW_ANSWERS), url };
}

/** The ▶ playback's next hour, so that it is on screen as soon as the dwell is over. */
export function prefetchHotspots(params: HotspotsParams): void {
  prefetchApiResource(hotspotsUrl(params), hotspotsResponseSchema);
}
