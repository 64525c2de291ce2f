'use client';
/** The collected systems (/api/systems), refreshed every minute for the status line. */
import { useEffect, useState } from 'react';
import { systemsResponseSchema, type SystemsResponse } from '@/lib/api/schemas';
import { SYSTEMS_URL } from './endpoints';
import { useApiResource, type Resource } from './useApiResource';

export type SystemInfo = SystemsResponse['systems'][number];

export interface SystemsResource extends Resource<SystemsResponse> {
  /** Date.now() when the shown answer arrived: poll ages count on from there. */
  receivedAt: number | null;
}

export function useSystems(): SystemsResource {
  const resource = useApiResource(SYSTEMS_URL, systemsResponseSchema, { refreshSeconds: 60 });
  const [receivedAt, setReceivedAt] = useState<number | null>(null);
  useEffect(() => {
    if (resource.data) setReceivedAt(Date.now());
  }, [resource.data]);
  return { ...resource, receivedAt };
}

/** The system a view asks for, or the first one when it asks for none (or an unknown one). */
export function pickSystem(systems: readonly SystemInfo[] | undefined, id: string | null): SystemInfo | null {
  if (!systems || systems.length === 0) return null;
  return systems.find((s) => s.id === id) ?? (id === null ? systems[0] : null);
}
