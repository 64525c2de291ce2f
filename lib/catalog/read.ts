/**
 * GET /api/catalog: the stored copy of the catalog, searched or paged, each system saying whether
 * this app already collects it. Never reads the catalog's source (the poll side refreshes it):
 * with no copy stored, or an old one kept while the source cannot be read, the answer says so.
 * The search index is built once per stored copy and kept.
 */
import { isoTime } from '@/lib/calendar';
import { FRESH_FOR_MS, Memo, perDatabase } from '@/lib/cache';
import { listedSystems } from '@/lib/systems/listed';
import type { Db } from '@/db/client';
import { needsKey } from './parse';
import type { CatalogQueryParameters, CatalogResponse } from './schemas';
import { buildCatalogIndex, type CatalogIndex } from './search';
import { catalogReading, catalogSystems, type CatalogReading, type StoredCatalogSystem } from './sql';

export const CATALOG_SOURCE: CatalogResponse['source'] = {
  name: "MobilityData's GBFS systems.csv",
  url: 'https://github.com/MobilityData/gbfs/blob/master/systems.csv',
  license: 'CC BY 3.0',
  attribution: 'Catalog of public GBFS systems by MobilityData (CC BY 3.0)',
};

/** A discovery URL as compared: "HTTPS://Host/x/gbfs.json/" and "https://host/x/gbfs.json" are one feed. */
export function feedKey(url: string): string {
  if (!URL.canParse(url.trim())) return url.trim();
  const parsed = new URL(url.trim());
  parsed.hash = '';
  return parsed.href.replace(/\/+$/, '');
}

/** What a person should know about the stored copy, or null when all is well. */
export function catalogNotice(reading: CatalogReading | null): string | null {
  if (reading === null) return 'The catalog of public GBFS systems has not been read yet: it is read after the next successful poll, or when a system is added from it.';
  if (reading.error === null) return null;
  if (reading.readAt === null) return `The catalog of public GBFS systems could not be read yet (${reading.error}); it is tried again within the hour.`;
  return `Showing the copy of the catalog read ${isoTime(reading.readAt / 1000)}: it cannot be read now (${reading.error}).`;
}

const readings = perDatabase((db: Db) => new Memo<'reading', { reading: CatalogReading | null }>({ max: 1, freshForMs: FRESH_FOR_MS, load: async () => ({ reading: await catalogReading(db) }) }));

interface LoadedCatalog {
  systems: StoredCatalogSystem[];
  index: CatalogIndex;
}

/**
 * One stored copy (keyed by when it was read) with its index, kept a minute: what an add in another
 * process taught of a feed (stations or not) shows within it; one in this process, at once.
 */
const copies = perDatabase(
  (db: Db) =>
    new Memo<string, LoadedCatalog>({
      max: 2,
      freshForMs: 60_000,
      load: async () => {
        const systems = await catalogSystems(db);
        return { systems, index: buildCatalogIndex(systems) };
      },
    }),
);

export async function readCatalog(db: Db, query: CatalogQueryParameters): Promise<CatalogResponse> {
  const { reading } = await readings(db).fetch('reading');
  const { systems, index } = reading?.readAt == null ? { systems: [], index: null } : await copies(db).fetch(String(reading.readAt));
  const matches = index?.search(query) ?? [];
  const collectedAs = new Map((await listedSystems(db)).map((system) => [feedKey(system.gbfsUrl), system.id]));
  return {
    source: CATALOG_SOURCE,
    readAt: reading?.readAt == null ? null : isoTime(reading.readAt / 1000),
    lastAttempt: reading === null ? null : { at: isoTime(reading.attemptedAt / 1000), error: reading.error },
    notice: catalogNotice(reading),
    skippedLines: reading?.readAt == null ? 0 : reading.skippedLines,
    total: matches.length,
    offset: query.offset,
    limit: query.limit,
    systems: matches.slice(query.offset, query.offset + query.limit).map((position) => {
      const system = systems[position];
      return {
        id: system.id,
        name: system.name,
        location: system.location,
        countryCode: system.countryCode,
        url: system.url,
        autoDiscoveryUrl: system.autoDiscoveryUrl,
        versions: system.versions,
        needsKey: needsKey(system),
        collected: collectedAs.has(feedKey(system.autoDiscoveryUrl)),
        collectedAs: collectedAs.get(feedKey(system.autoDiscoveryUrl)) ?? null,
        hasStations: system.hasStations,
      };
    }),
  };
}

/** After this process wrote the catalog (a refresh, what an add taught of a feed): its next answer reads it again. */
export function forgetCatalog(db: Db): void {
  readings(db).clear();
  copies(db).clear();
}
