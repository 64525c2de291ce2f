'use client';
/** A system's stations (/api/stations), with the search index built once per answer. */
import { useMemo } from 'react';
import { stationsResponseSchema, type StationDto } from '@/lib/stations/schemas';
import { buildStationIndex, type StationIndex } from '@/lib/stations/search';
import { stationsUrl } from './endpoints';
import { useApiResource, type Resource } from './useApiResource';

/** Stations change rarely: asked once per system and visit, not on focus. */
const STATION_ANSWERS = { dedupingInterval: 300_000, revalidateOnFocus: false };

export interface Stations {
  resource: Resource<{ system: string; stations: StationDto[] }>;
  /** The answered system's stations (empty while none has arrived for it). */
  stations: readonly StationDto[];
  index: StationIndex | null;
}

export function useStations(system: string | null): Stations {
  const resource = useApiResource(system ? stationsUrl(system) : null, stationsResponseSchema, STATION_ANSWERS);
  const answer = resource.data && resource.data.system === system ? resource.data : null;
  const index = useMemo(() => (answer ? buildStationIndex(answer.stations) : null), [answer]);
  return { resource, stations: answer?.stations ?? [], index };
}
