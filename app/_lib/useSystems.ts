'use client';
/** The collected systems (/api/systems), refreshed every minute for the status line. */
import { systemsResponseSchema, type SystemsResponse } from '@/lib/api/schemas';
import { SYSTEMS_URL } from './endpoints';
import { useApiResource, type Resource } from './useApiResource';

export type SystemInfo = SystemsResponse['systems'][number];

export type SystemsResource = Resource<SystemsResponse>;

export function useSystems(): SystemsResource {
  return useApiResource(SYSTEMS_URL, systemsResponseSchema, { refreshInterval: 60_000 });
}

/** The system a view asks for, or the first one when it asks for none (or an unknown one). */
export function pickSystem(systems: readonly SystemInfo[] | undefined, id: string | null): SystemInfo | null {
  if (!systems || systems.length === 0) return null;
  return systems.find((s) => s.id === id) ?? (id === null ? systems[0] : null);
}
