'use client';
/**
 * The next 24 hours of a system (/api/forecast) through the app's SWR resource: the map's view
 * (its hexagons as columns) every minute, and a hexagon's stations while its panel is open; and
 * the play button of the hour slider: one hour a second, the 24th loops back to the first.
 */
import { useCallback, useEffect, useState } from 'react';
import { forecastMapResponseSchema, forecastResponseSchema, type ForecastMapResponse, type ForecastResponse } from '@/lib/forecast/schemas';
import type { Resolution } from '@/lib/hotspots/types';
import { forecastStationsUrl, forecastUrl } from './endpoints';
import { nextForecastHour } from './forecastView';
import { useApiResource, type Resource } from './useApiResource';

/** A forecast is issued after every poll: ask again each minute, keep the shown one meanwhile. */
const FORECAST_ANSWERS = { keepPreviousData: true, dedupingInterval: 30_000, refreshInterval: 60_000, revalidateOnFocus: false };

export type ForecastResource = Resource<ForecastMapResponse> & { url: string | null };

export function useForecast(params: { system: string; resolution: Resolution } | null): ForecastResource {
  const url = params ? forecastUrl(params) : null;
  return { ...useApiResource(url, forecastMapResponseSchema, FORECAST_ANSWERS), url };
}

/** The stations of one hexagon, each with its 24 hours (the full view of that cell alone). */
export function useForecastStations(params: { system: string; resolution: Resolution; h3: string } | null): Resource<ForecastResponse> & { url: string | null } {
  const url = params ? forecastStationsUrl(params) : null;
  return { ...useApiResource(url, forecastResponseSchema, FORECAST_ANSWERS), url };
}

const STEP_MS = 1000;

export function useForecastPlayback(hour: number, setHour: (hour: number) => void): { playing: boolean; toggle: () => void; stop: () => void } {
  const [playing, setPlaying] = useState(false);
  const stop = useCallback(() => setPlaying(false), []);
  const toggle = useCallback(() => setPlaying((p) => !p), []);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setTimeout(() => setHour(nextForecastHour(hour)), STEP_MS);
    return () => window.clearTimeout(timer);
  }, [playing, hour, setHour]);
  return { playing, toggle, stop };
}
