'use client';
/** Mirrors the view into the address bar with history.replaceState (no reload, no new entry). */
import { useEffect } from 'react';
import { serializeViewQuery, type ViewQuery } from './viewQuery';

const DEBOUNCE_MS = 250;

export function useUrlSync(query: ViewQuery, enabled: boolean): void {
  const search = serializeViewQuery(query);
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setTimeout(() => {
      const next = `${window.location.pathname}?${search}${window.location.hash}`;
      if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
        window.history.replaceState(window.history.state, '', next);
      }
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search, enabled]);
}
