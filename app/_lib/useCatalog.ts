'use client';
/**
 * The catalog of public GBFS systems (/api/catalog), searched as the person types: the text is
 * sent once typing pauses, and the previous matches stay listed while the next ones load.
 */
import { useEffect, useState } from 'react';
import { catalogResponseSchema, type CatalogResponse } from '@/lib/catalog/schemas';
import { catalogUrl } from './endpoints';
import { useApiResource, type Resource } from './useApiResource';

export type CatalogEntry = CatalogResponse['systems'][number];

/** Matches listed at once: a short list to pick from with the arrow keys. */
export const CATALOG_MATCHES = 8;
const TYPING_PAUSE_MS = 200;

export function useCatalogSearch(text: string): Resource<CatalogResponse> & { query: string } {
  const [query, setQuery] = useState(text.trim());
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  // `collected` changes as soon as a system is added: asked again on focus, never cached for long.
  const resource = useApiResource(query === '' ? null : catalogUrl(query, CATALOG_MATCHES), catalogResponseSchema, { keepPreviousData: true });
  return { ...resource, query };
}
