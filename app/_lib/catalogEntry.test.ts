import { describe, expect, it } from 'vitest';
import type { CatalogSystemAnswer } from '@/lib/catalog/schemas';
import { collectedSystemOf, entryState, placeOf } from './catalogEntry';
import type { SystemInfo } from './useSystems';

const entry = (patch: Partial<CatalogSystemAnswer>): CatalogSystemAnswer => ({
  id: 'Paris',
  name: "Vélib' Métropole",
  location: 'Paris',
  countryCode: 'FR',
  url: null,
  autoDiscoveryUrl: 'https://example.test/gbfs.json',
  versions: [],
  needsKey: false,
  collected: false,
  collectedAs: null,
  hasStations: null,
  ...patch,
});
const listed = (id: string, name: string) => ({ id, name }) as SystemInfo;

describe('a catalog entry in the "Add a city" search', () => {
  it('says whether it can be added', () => {
    expect(entryState(entry({ collected: true, needsKey: true }))).toBe('collected');
    expect(entryState(entry({ hasStations: false }))).toBe('no-stations');
    expect(entryState(entry({ needsKey: true }))).toBe('needs-key');
    expect(entryState(entry({}))).toBe('addable');
  });

  it('finds the collected system it is by the id the catalog says it is collected as, whatever its own id and name', () => {
    const systems = [listed('velib', 'Another name'), listed('paris', "Vélib' Métropole")];
    expect(collectedSystemOf(entry({ collected: true, collectedAs: 'velib' }), systems)?.id).toBe('velib');
    expect(collectedSystemOf(entry({ collected: true, collectedAs: 'gone' }), systems)).toBeNull();
    expect(collectedSystemOf(entry({ collected: false, collectedAs: null }), systems)).toBeNull();
  });

  it('names its place with the country', () => {
    expect(placeOf(entry({}))).toBe('Paris, FR');
    expect(placeOf(entry({ location: '' }))).toBe('FR');
  });
});
