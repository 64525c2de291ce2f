'use client';
/**
 * One API resource through SWR, keyed on [url, schema] so that every hook and `preload` share one
 * cache entry per URL. While a new URL loads, the previous answer stays available (marked as being
 * for an earlier URL) so the map never goes blank between two pictures.
 */
import { useCallback } from 'react';
import useSWR, { mutate, preload, type SWRConfiguration } from 'swr';
import type { z } from 'zod';
import { ApiError, fetchParsed, toApiError } from './apiClient';

export interface Resource<T> {
  /** The newest answer received, possibly for an earlier URL (see dataUrl). */
  data: T | null;
  /** The URL `data` answers. */
  dataUrl: string | null;
  /** A request for the current URL is under way (first load or revalidation). */
  loading: boolean;
  /** The failure of the current URL, if it failed. */
  error: ApiError | null;
  retry: () => void;
}

/** Cached with its URL: with keepPreviousData, SWR alone cannot tell which key a value answers. */
interface Answer<T> {
  url: string;
  data: T;
}

type ResourceKey<Schema extends z.ZodType> = readonly [url: string, schema: Schema];

async function fetchAnswer<Schema extends z.ZodType>([url, schema]: ResourceKey<Schema>): Promise<Answer<z.output<Schema>>> {
  try {
    return { url, data: await fetchParsed(url, schema) };
  } catch (error) {
    throw toApiError(error);
  }
}

/** A bad request stays bad; only an unreachable or struggling server is worth asking again. */
function isTransient(error: Error): boolean {
  return error instanceof ApiError && (error.status === null || error.status === 429 || error.status >= 500);
}

type ResourceConfig<Schema extends z.ZodType> = SWRConfiguration<Answer<z.output<Schema>>, ApiError>;

/** An answer the server already rendered into the page, shown until the hook's own request returns. */
export const answerFromServer = <T,>(url: string, data: T): Answer<T> => ({ url, data });

/**
 * For answers about a day's window: the shown one stays while the next URL loads, and a URL is
 * fetched at most once a minute, as long as the API caches today's answer (past days never change).
 */
export const WINDOW_ANSWERS = { keepPreviousData: true, dedupingInterval: 60_000, revalidateOnFocus: false } satisfies SWRConfiguration;

export function useApiResource<Schema extends z.ZodType>(
  url: string | null,
  schema: Schema,
  config: ResourceConfig<Schema> = {},
): Resource<z.output<Schema>> {
  const key: ResourceKey<Schema> | null = url === null ? null : [url, schema];
  const { data, error, isValidating, mutate } = useSWR<Answer<z.output<Schema>>, ApiError>(key, fetchAnswer<Schema>, {
    shouldRetryOnError: isTransient,
    ...config,
  });
  // mutate() revalidates and records a failure as `error`; its promise never rejects.
  const retry = useCallback(() => void mutate(), [mutate]);
  return { data: data?.data ?? null, dataUrl: data?.url ?? null, loading: isValidating, error: error ?? null, retry };
}

/** Fetches a URL ahead of need; the hook that later asks for it takes the same request. */
export function prefetchApiResource<Schema extends z.ZodType>(url: string, schema: Schema): void {
  const key: ResourceKey<Schema> = [url, schema];
  // A failure stays in the request for that hook to show; it must not surface as unhandled here.
  // Promise.resolve: preload answers undefined, not a promise, when there is no window.
  Promise.resolve(preload(key, fetchAnswer<Schema>)).catch(() => undefined);
}

/** Asks for a URL again now (every hook showing it gets the new answer); resolves once it arrived. */
export async function refreshApiResource<Schema extends z.ZodType>(url: string, schema: Schema): Promise<void> {
  const key: ResourceKey<Schema> = [url, schema];
  await mutate(key);
}

/** An answer as the hooks would have it (the same cache entry): for views that need many at once. */
export async function loadApiResource<Schema extends z.ZodType>(url: string, schema: Schema): Promise<z.output<Schema>> {
  const key: ResourceKey<Schema> = [url, schema];
  const answer = await preload(key, fetchAnswer<Schema>);
  return answer.data;
}
