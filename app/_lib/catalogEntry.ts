/** A catalog entry as the "Add a city" search shows it: where it is, whether it can be added, which collected system it is. */
import type { CatalogSystemAnswer } from '@/lib/catalog/schemas';
import type { SystemInfo } from './useSystems';

/** The collected system a catalog entry is: the one the catalog names (`collectedAs`); null when not collected or not listed yet. */
export function collectedSystemOf(entry: CatalogSystemAnswer, systems: readonly SystemInfo[]): SystemInfo | null {
  return entry.collectedAs === null ? null : (systems.find((s) => s.id === entry.collectedAs) ?? null);
}

export type EntryState = 'collected' | 'no-stations' | 'needs-key' | 'addable';

export function entryState(entry: CatalogSystemAnswer): EntryState {
  if (entry.collected) return 'collected';
  if (entry.hasStations === false) return 'no-stations';
  return entry.needsKey ? 'needs-key' : 'addable';
}

export const ENTRY_STATE_LABELS: Record<EntryState, string> = {
  collected: 'collected',
  'no-stations': 'no stations',
  'needs-key': 'needs a key',
  addable: 'not collected',
};

/** "Paris, FR"; the country alone when the catalog gives no location. */
export function placeOf(entry: Pick<CatalogSystemAnswer, 'location' | 'countryCode'>): string {
  return entry.location ? `${entry.location}, ${entry.countryCode}` : entry.countryCode;
}
