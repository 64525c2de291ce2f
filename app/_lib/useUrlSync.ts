'use client';
/**
 * Mirrors the view into the address bar without a reload. A change of what is shown (system, day,
 * period, days kept, comparison, mode, metric, resolution, 3D, hexagon) is a new history entry, so
 * Back and Forward walk the person's steps; moving the map, the hours window and the forecast hour
 * (which the play buttons step through) replace the current entry. Back and Forward hand the view of
 * the entry to `onNavigate`.
 */
import { useEffect, useRef } from 'react';
import { DEFAULT_VIEW_QUERY, parseViewQuery, serializeViewQuery, type ViewQuery } from './viewQuery';

const DEBOUNCE_MS = 250;

/** What makes an entry of its own: the view without the camera, the hours window and the forecast hour. */
export function historyEntryOf(query: ViewQuery): string {
  const { from, to, hour } = DEFAULT_VIEW_QUERY;
  return serializeViewQuery({ ...query, view: null, from, to, hour });
}

/** The view an address bar's query string holds. */
export function viewOfSearch(search: string): ViewQuery {
  const raw: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) (raw[key] ??= []).push(value);
  return parseViewQuery(raw);
}

export function useUrlSync(query: ViewQuery, enabled: boolean, onNavigate: (query: ViewQuery) => void): void {
  const search = serializeViewQuery(query);
  const entry = historyEntryOf(query);
  // The first write completes the address the page was opened with (system, day): not a step.
  const settled = useRef(false);
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setTimeout(() => {
      const { pathname, hash } = window.location;
      if (`?${search}` === window.location.search) {
        settled.current = true;
        return;
      }
      const newEntry = settled.current && historyEntryOf(viewOfSearch(window.location.search)) !== entry;
      const next = `${pathname}?${search}${hash}`;
      // No state of our own: Next's router takes in a write whose state lacks its marker (and
      // copies its marker in). Handing back `history.state`, which carries that marker, would make
      // the router skip the write; its next commit would then put back the address it last knew
      // (the camera before a flight, say).
      if (newEntry) window.history.pushState(null, '', next);
      else window.history.replaceState(null, '', next);
      settled.current = true;
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search, entry, enabled]);

  const navigate = useRef(onNavigate);
  useEffect(() => {
    navigate.current = onNavigate;
  });
  useEffect(() => {
    const onPopState = () => navigate.current(viewOfSearch(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
}
