'use client';
/** The colour scheme the system asks for (`prefers-color-scheme`), followed live. */
import { useSyncExternalStore } from 'react';
import type { ColorScheme } from './mapStyle';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(QUERY).matches ? 'dark' : 'light'),
    // The server cannot know: light, corrected on the first client render.
    () => 'light',
  );
}
