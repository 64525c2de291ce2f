'use client';
/**
 * Adding a system of the catalog (POST /api/systems, bearer CRON_SECRET). The admin secret is kept
 * in this tab's session storage only: asked once per tab, gone when the tab closes, never in the
 * URL or in local storage.
 */
import type { z } from 'zod';
import { addedSystemResponseSchema } from '@/lib/systems/schemas';
import { fetchParsed } from './apiClient';
import { SYSTEMS_URL } from './endpoints';

export type AddedSystem = z.infer<typeof addedSystemResponseSchema>;

const SECRET_KEY = 'gbfs-hotspots.admin-secret';

export function storedAdminSecret(): string | null {
  try {
    return window.sessionStorage.getItem(SECRET_KEY);
  } catch {
    // Storage disabled (a privacy setting): the secret is asked each time.
    return null;
  }
}

export function keepAdminSecret(secret: string | null): void {
  try {
    if (secret === null) window.sessionStorage.removeItem(SECRET_KEY);
    else window.sessionStorage.setItem(SECRET_KEY, secret);
  } catch {
    // Storage disabled: nothing kept.
  }
}

/** Adds the catalog system `catalogId` (with its feed's key when it needs one); throws ApiError with the API's sentence. */
export function addCatalogSystem(request: { catalogId: string; url?: string; key?: string }, secret: string): Promise<AddedSystem> {
  return fetchParsed(SYSTEMS_URL, addedSystemResponseSchema, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}
