'use client';
/**
 * The station dots of a close zoom (see stationDots.ts): from the answer on screen when it is at
 * resolution 10 (the automatic size there), else from the same question asked at resolution 10.
 */
import { useMemo } from 'react';
import type { HexagonDto } from '@/lib/hotspots/schemas';
import { STORED_RESOLUTION } from '@/lib/hotspots/types';
import type { StationDto } from '@/lib/stations/schemas';
import { colorDomainOf, type ColorDomain } from './colorRamp';
import type { HotspotsParams } from './endpoints';
import { STATION_DOTS_ZOOM, stationDots, type StationDot } from './stationDots';
import { useHotspots } from './useHotspots';

interface DotsInput {
  zoom: number;
  stations: readonly StationDto[];
  /** The view's question; null: no dots (forecast mode, nothing chosen yet). */
  params: HotspotsParams | null;
  /** The answer drawn, its resolution, and its colours. */
  shown: { hexagons: readonly HexagonDto[]; resolution: number; domain: ColorDomain | null; compared: boolean } | null;
}

const NO_DOTS: StationDot[] = [];

export function useStationDots({ zoom, stations, params, shown }: DotsInput): StationDot[] {
  const close = zoom >= STATION_DOTS_ZOOM && params !== null && stations.length > 0;
  const fromShown = close && shown !== null && shown.resolution === STORED_RESOLUTION;
  const finest = useHotspots(close && !fromShown && params ? { ...params, resolution: STORED_RESOLUTION } : null);
  const finestAnswer = finest.data && params && finest.data.system === params.system ? finest.data : null;
  return useMemo(() => {
    if (!close) return NO_DOTS;
    if (fromShown && shown) return stationDots(stations, { hexagons: shown.hexagons, domain: shown.domain, compared: shown.compared });
    if (!finestAnswer) return NO_DOTS;
    const compared = finestAnswer.base !== null && finestAnswer.base.daysWithData > 0;
    return stationDots(stations, { hexagons: finestAnswer.hexagons, domain: colorDomainOf(finestAnswer.hexagons), compared });
  }, [close, fromShown, shown, stations, finestAnswer]);
}
