'use client';
/**
 * The collected systems (/api/systems), refreshed every 30 s for the status line, and every few
 * seconds while a system has no data yet or its polls fail: its first hexagons, or its recovery,
 * then show without a reload.
 */
import { systemsResponseSchema, type SystemsResponse } from '@/lib/systems/schemas';
import { SYSTEMS_URL } from './endpoints';
import { answerFromServer, refreshApiResource, useApiResource, type Resource } from './useApiResource';

export type SystemInfo = SystemsResponse['systems'][number];

export type SystemsResource = Resource<SystemsResponse>;

const waiting = (system: SystemInfo) => system.lastDay === null || system.lastAttempt?.status === 'failed';

/**
 * `rendered`: the list as the server rendered the page, so the first hexagons need not wait for a
 * round trip; the hook still asks at once (a fallback is not cached) and the answer replaces it.
 */
export function useSystems(rendered?: SystemsResponse): SystemsResource {
  return useApiResource(SYSTEMS_URL, systemsResponseSchema, {
    refreshInterval: (latest) => (latest?.data.systems.some(waiting) ? 5_000 : 30_000),
    fallbackData: rendered ? answerFromServer(SYSTEMS_URL, rendered) : undefined,
  });
}

/** Reads the list again now (a system was added); resolves once the new list is shown. */
export const refreshSystems = () => refreshApiResource(SYSTEMS_URL, systemsResponseSchema);
