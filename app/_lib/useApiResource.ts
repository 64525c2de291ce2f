'use client';
/**
 * One API resource, fetched whenever its URL changes. While a new URL loads, the previous answer
 * stays available (marked stale) so the map never goes blank between two pictures.
 */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { ApiError, fetchParsed, isAbort, toApiError } from './apiClient';
import { ResponseCache } from './responseCache';

export interface Resource<T> {
  /** The newest answer received, possibly for an earlier URL (see dataUrl). */
  data: T | null;
  /** The URL `data` answers. */
  dataUrl: string | null;
  loading: boolean;
  /** The failure of the current URL, if it failed. */
  error: ApiError | null;
  retry: () => void;
}

interface State<T> {
  data: T | null;
  dataUrl: string | null;
  loading: boolean;
  error: ApiError | null;
}

interface ResourceOptions {
  /** Keep answers this long and answer from memory meanwhile; 0 keeps nothing. */
  cacheSeconds?: number;
  /** Fetch again this often, keeping the shown answer meanwhile. */
  refreshSeconds?: number;
}

const sharedCache = new ResponseCache(60);

export function useApiResource<Schema extends z.ZodType>(
  url: string | null,
  schema: Schema,
  { cacheSeconds = 0, refreshSeconds = 0 }: ResourceOptions = {},
): Resource<z.output<Schema>> {
  type T = z.output<Schema>;
  const [state, setState] = useState<State<T>>({ data: null, dataUrl: null, loading: url !== null, error: null });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (url === null) {
      setState((s) => ({ ...s, loading: false, error: null }));
      return;
    }
    const cached = cacheSeconds > 0 ? sharedCache.get<T>(url) : undefined;
    if (cached !== undefined) {
      setState({ data: cached, dataUrl: url, loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchParsed(url, schema, controller.signal).then(
      (data) => {
        if (cacheSeconds > 0) sharedCache.set(url, data, cacheSeconds);
        setState({ data, dataUrl: url, loading: false, error: null });
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        setState((s) => ({ ...s, loading: false, error: toApiError(error) }));
      },
    );
    return () => controller.abort();
  }, [url, schema, cacheSeconds, attempt]);

  useEffect(() => {
    if (url === null || refreshSeconds <= 0) return;
    const timer = window.setInterval(retry, refreshSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [url, refreshSeconds, retry]);

  return { ...state, retry };
}

/** Fetches a URL into the shared cache ahead of need (the next hour while playing). */
export function prefetchApiResource<Schema extends z.ZodType>(url: string, schema: Schema, cacheSeconds: number): void {
  if (sharedCache.get(url) !== undefined) return;
  fetchParsed(url, schema).then(
    (data) => sharedCache.set(url, data, cacheSeconds),
    () => undefined,
  );
}
