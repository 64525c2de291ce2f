'use client';
/**
 * Which basemap to show: the configured style until it fails to load (or does not load within a
 * few seconds), then the built-in offline style. The map reports back; this hook decides.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import { CONFIGURED_MAP_STYLE_URL, fallbackMapStyle } from './mapStyle';

export type BasemapStatus = 'loading' | 'loaded' | 'fallback';

export interface Basemap {
  style: string | StyleSpecification;
  /** "remote" or "fallback": changes when the style is swapped, to remount the map cleanly. */
  kind: 'remote' | 'fallback';
  status: BasemapStatus;
  /** Why the configured style was dropped. */
  fallbackReason: string | null;
  onLoaded: () => void;
  onFailed: (reason: string) => void;
}

const LOAD_TIMEOUT_MS = 8000;

export function useBasemap(bounds: readonly [number, number, number, number] | null): Basemap {
  const [kind, setKind] = useState<'remote' | 'fallback'>('remote');
  const [loaded, setLoaded] = useState(false);
  const [fallbackReason, setFallbackReason] = useState<string | null>(null);

  const onFailed = useCallback(
    (reason: string) => {
      if (kind === 'fallback' || loaded) return;
      setFallbackReason(reason);
      setKind('fallback');
    },
    [kind, loaded],
  );
  const onLoaded = useCallback(() => setLoaded(true), []);

  useEffect(() => {
    if (kind !== 'remote' || loaded) return;
    const timer = window.setTimeout(() => onFailed(`the map style did not load within ${LOAD_TIMEOUT_MS / 1000} s`), LOAD_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, [kind, loaded, onFailed]);

  const boundsKey = bounds?.join(',') ?? '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the bounds' values
  const fallback = useMemo(() => fallbackMapStyle(bounds), [boundsKey]);

  return {
    style: kind === 'remote' ? CONFIGURED_MAP_STYLE_URL : fallback,
    kind,
    status: kind === 'fallback' ? 'fallback' : loaded ? 'loaded' : 'loading',
    fallbackReason,
    onLoaded,
    onFailed,
  };
}
