'use client';
/** The hexagons of one day, window, metric and resolution (/api/hotspots). */
import { hotspotsResponseSchema, type HotspotsResponse } from '@/lib/api/schemas';
import { hotspotsUrl, type HotspotsParams } from './endpoints';
import { prefetchApiResource, useApiResource, type Resource } from './useApiResource';

/** Past days never change; today's answer is cached by the API for a minute too. */
const CACHE_SECONDS = 60;

export function useHotspots(params: HotspotsParams | null): Resource<HotspotsResponse> & { url: string | null } {
  const url = params ? hotspotsUrl(params) : null;
  return { ...useApiResource(url, hotspotsResponseSchema, { cacheSeconds: CACHE_SECONDS }), url };
}

export function prefetchHotspots(params: HotspotsParams): void {
  prefetchApiResource(hotspotsUrl(params), hotspotsResponseSchema, CACHE_SECONDS);
}
