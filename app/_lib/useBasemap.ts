'use client';
/**
 * Which basemap to show: the configured style of the colour scheme until it fails to load (or
 * does not load within a few seconds), then the built-in offline style in the same scheme. The
 * map reports back; this hook decides.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import { configuredMapStyleUrl, fallbackMapStyle, type ColorScheme } from './mapStyle';

export type BasemapStatus = 'loading' | 'loaded' | 'fallback';

export interface Basemap {
  style: string | StyleSpecification;
  /** "remote" or "fallback": changes when the style is swapped, to remount the map cleanly. */
  kind: 'remote' | 'fallback';
  /** Changes with the style (its kind and scheme): the map's key. */
  key: string;
  status: BasemapStatus;
  /** Why the configured style was dropped, as MapLibre said it (kept for a title, not shown as is). */
  fallbackReason: string | null;
  onLoaded: () => void;
  onFailed: (reason: string) => void;
}

const LOAD_TIMEOUT_MS = 8000;

export function useBasemap(bounds: readonly [number, number, number, number] | null, scheme: ColorScheme): Basemap {
  const [kind, setKind] = useState<'remote' | 'fallback'>('remote');
  // The scheme whose configured style loaded: another scheme's style has to load again.
  const [loadedScheme, setLoadedScheme] = useState<ColorScheme | null>(null);
  const loaded = loadedScheme === scheme;
  const [fallbackReason, setFallbackReason] = useState<string | null>(null);

  const onFailed = useCallback(
    (reason: string) => {
      if (kind === 'fallback' || loaded) return;
      setFallbackReason(reason);
      setKind('fallback');
    },
    [kind, loaded],
  );
  const onLoaded = useCallback(() => setLoadedScheme(scheme), [scheme]);

  useEffect(() => {
    if (kind !== 'remote' || loaded) return;
    const timer = window.setTimeout(() => onFailed(`the map style did not load within ${LOAD_TIMEOUT_MS / 1000} s`), LOAD_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, [kind, loaded, onFailed]);

  const boundsKey = bounds?.join(',') ?? '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the bounds' values
  const fallback = useMemo(() => fallbackMapStyle(bounds, scheme), [boundsKey, scheme]);

  return {
    style: kind === 'remote' ? configuredMapStyleUrl(scheme) : fallback,
    kind,
    key: `${kind}-${scheme}`,
    status: kind === 'fallback' ? 'fallback' : loaded ? 'loaded' : 'loading',
    fallbackReason,
    onLoaded,
    onFailed,
  };
}
