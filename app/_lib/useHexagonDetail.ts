'use client';
/** The stations of one hexagon with their figures and hourly series (/api/hexagons/{h3}). */
import { hexagonResponseSchema, type HexagonResponse } from '@/lib/hotspots/schemas';
import { hexagonUrl, type WindowParams } from './endpoints';
import { WINDOW_ANSWERS, useApiResource, type Resource } from './useApiResource';

export function useHexagonDetail(h3: string | null, window: WindowParams | null): Resource<HexagonResponse> & { url: string | null } {
  const url = h3 && window ? hexagonUrl(h3, window) : null;
  return { ...useApiResource(url, hexagonResponseSchema, WINDOW_ANSWERS), url };
}
