/**
 * Adding a system while the app runs: read the gbfs.json (or v3 manifest) given, take the name and
 * time zone from system_information, check that station_information and station_status parse (a
 * whole poll's fetch, through the address guard), then list it in the database. The next poll
 * round of every process on that database polls it.
 *
 * A system of the catalog of public GBFS systems (lib/catalog) is added by its System ID: the same
 * path with the catalog's discovery URL, under that id, with the key its feed may need. A feed
 * whose discovery lists no station_status (scooters, cars) is refused: hotspots need stations.
 */
import { BadRequestError, ConflictError, FeedUnusableError, NotFoundError } from '@/lib/api/errors';
import { getConfig } from '@/lib/config';
import { createFeedGuard, FeedRefusedError, type FeedGuard } from '@/lib/gbfs/feedGuard';
import { fetchSnapshot } from '@/lib/gbfs/fetchSnapshot';
import { isPlainObject } from '@/lib/gbfs/fields';
import { fetchDocument, type FeedAuth, type FetchPolicy } from '@/lib/gbfs/http';
import { parseJsonText } from '@/lib/gbfs/json';
import { chooseDataset, isManifest, parseManifest } from '@/lib/gbfs/manifest';
import { classifyFailure } from '@/lib/ingest/failure';
import { needsKey } from '@/lib/catalog/parse';
import { feedKey, forgetCatalog } from '@/lib/catalog/read';
import { refreshCatalog } from '@/lib/catalog/refresh';
import { catalogReading, catalogSystemsById, type StoredCatalogSystem } from '@/lib/catalog/sql';
import { rememberFeedKind } from '@/lib/catalog/store';
import { systemIdSchema } from '@/lib/systems/catalog';
import { forgetListedSystems, listedSystems } from '@/lib/systems/listed';
import type { Db } from '@/db/client';
import { insertAddedSystem, rememberSystem } from '@/lib/systems/store';
import { KEY_WITH_CATALOG_ID, URL_OR_CATALOG_ID } from '@/lib/systems/schemas';

export interface AddSystemRequest {
  /** The gbfs.json or manifest; with catalogId, which of the systems listed under that id. */
  url?: string;
  /** A System ID of the catalog of public GBFS systems. */
  catalogId?: string;
  /** Default: the catalog's System ID, else the feed's own system_id, made a valid id. */
  id?: string;
  /** The key of a catalog system that needs one. */
  key?: string;
}

export interface AddedSystem {
  id: string;
  name: string;
  timezone: string;
  gbfsUrl: string;
  version: string | null;
  stations: number;
}

/** A feed's system_id ("Oslo Bysykkel", "lime_paris") as an id of this app ("oslo-bysykkel"). */
export function idFromFeed(systemId: string): string {
  return systemId
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 63);
}

/** A refused address is bad input (400); a feed that cannot be read or is not GBFS, 422; each says why in plain words. */
function unusable(error: unknown, parameter: string): never {
  if (error instanceof FeedRefusedError) throw new BadRequestError('feed_refused', error.message, parameter);
  if (error instanceof FeedUnusableError) throw error;
  const { kind, reason } = classifyFailure(error);
  throw new FeedUnusableError(kind === 'parse' || kind === 'shape' ? 'feed_invalid' : 'feed_unreachable', reason, parameter);
}

/** The feed names a gbfs.json lists (v3 data.feeds, v1/v2 data.<language>.feeds). */
function listedFeedNames(json: unknown): string[] {
  const data = isPlainObject(json) && isPlainObject(json.data) ? json.data : {};
  const lists = [data.feeds, ...Object.values(data).map((language) => (isPlainObject(language) ? language.feeds : undefined))];
  const names = lists.flatMap((list) => (Array.isArray(list) ? list : [])).flatMap((feed) => (isPlainObject(feed) && typeof feed.name === 'string' ? [feed.name] : []));
  return [...new Set(names)];
}

interface Discovery {
  gbfsUrl: string;
  /** Null when it lists no feed at all (not GBFS: fetchSnapshot says why). */
  hasStations: boolean | null;
  feedNames: string[];
}

/** The gbfs.json behind a URL (itself, or the chosen dataset's of a manifest) and whether it lists station_status. */
async function readDiscovery(url: string, id: string | undefined, policy: FetchPolicy): Promise<Discovery> {
  let gbfsUrl = url;
  let json = parseJsonText((await fetchDocument(url, policy)).text, 'gbfs');
  if (isManifest(json)) {
    gbfsUrl = chooseDataset(parseManifest(json), id).gbfsUrl;
    json = parseJsonText((await fetchDocument(gbfsUrl, policy)).text, 'gbfs');
  }
  const feedNames = listedFeedNames(json);
  return { gbfsUrl, feedNames, hasStations: feedNames.length === 0 ? null : feedNames.includes('station_status') };
}

function stationlessRefusal(label: string, feedNames: string[], parameter: string): FeedUnusableError {
  const vehicles = feedNames.filter((name) => /vehicle|bike_status/.test(name));
  const listed = vehicles.length > 0 ? `it lists ${vehicles.join(' and ')}: vehicles without stations, such as scooters or cars` : `it lists ${feedNames.join(', ')}`;
  return new FeedUnusableError('no_stations', `${label} has no stations (its gbfs.json lists no station_status; ${listed}); hotspots need stations`, parameter);
}

/** The catalog's key convention: 1, query parameters; 2, headers; several names joined by "|", one value each. */
function feedAuthOf(system: StoredCatalogSystem, key: string | undefined): FeedAuth | undefined {
  if (!needsKey(system)) {
    if (key !== undefined) throw new BadRequestError('key_not_needed', `${system.name} needs no key; add it without one`, 'key');
    return undefined;
  }
  const names = (system.authParameterName ?? '').split('|').map((name) => name.trim()).filter(Boolean);
  const where = system.authType === '1' ? 'query' : system.authType === '2' ? 'header' : null;
  const how = system.authInfoUrl ? ` (how to get one: ${system.authInfoUrl})` : '';
  if (key === undefined) {
    throw new BadRequestError('key_required', `${system.name} needs a key to be read${how}; add it with its key (--key, or "key" in the body)`, 'key');
  }
  if (where === null || names.length === 0) {
    throw new FeedUnusableError('key_unsupported', `${system.name} takes its key in a way this app does not support (catalog Authentication Type ${system.authType})`, 'catalogId');
  }
  const values = names.length === 1 ? [key] : key.split('|');
  if (values.length !== names.length || values.some((value) => value === '')) {
    throw new BadRequestError('key_invalid', `${system.name} takes ${names.length} values (${names.join(', ')}): give the key as ${names.map((_, i) => `value${i + 1}`).join('|')}`, 'key');
  }
  return { in: where, names, values };
}

/** The catalog system named by `catalogId` (and `url` when the id names several); reads the catalog first if it never was. */
async function catalogSystem(db: Db, catalogId: string, url: string | undefined): Promise<StoredCatalogSystem> {
  if ((await catalogReading(db))?.readAt == null) {
    const refresh = await refreshCatalog(db);
    if (refresh.status === 'failed') {
      throw new FeedUnusableError('catalog_unavailable', `the catalog of public GBFS systems cannot be read (${refresh.error}); add the system by its url instead`, 'catalogId');
    }
  }
  const listed = await catalogSystemsById(db, catalogId);
  if (listed.length === 0) throw new NotFoundError('unknown_catalog_id', `no system "${catalogId}" in the catalog; search it by name or city (GET /api/catalog?q=…, npm run systems -- catalog TEXT)`, 'catalogId');
  if (url !== undefined) {
    const chosen = listed.find((system) => feedKey(system.autoDiscoveryUrl) === feedKey(url));
    if (!chosen) throw new BadRequestError('catalog_url_mismatch', `"${catalogId}" of the catalog is not at ${url} (it is at ${listed.map((s) => s.autoDiscoveryUrl).join(', ')})`, 'url');
    return chosen;
  }
  if (listed.length > 1) {
    const which = listed.map((s) => `${s.name} at ${s.autoDiscoveryUrl}`).join('; ');
    throw new ConflictError('catalog_id_ambiguous', `the catalog lists ${listed.length} systems as "${catalogId}" (${which}); choose one by giving its autoDiscoveryUrl as the url too`, 'catalogId');
  }
  return listed[0];
}

interface FeedToAdd {
  url: string;
  /** The id asked for, else the one to derive the default from, else the feed's system_id. */
  id?: string;
  defaultId?: string;
  auth?: FeedAuth;
  /** The request field a refusal of the feed names. */
  parameter: 'url' | 'catalogId';
  /** Set for a catalog system: what its discovery teaches is kept for the catalog's answers. */
  catalogEntry?: StoredCatalogSystem;
}

async function addFeed(db: Db, feed: FeedToAdd, guard: FeedGuard): Promise<AddedSystem> {
  const { FETCH_TIMEOUT_MS, FETCH_MAX_BYTES } = getConfig();
  // One try: a person is waiting, and a feed that fails now is better added once it answers.
  const policy: FetchPolicy = { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: FETCH_MAX_BYTES, retries: 0, guard, auth: feed.auth };
  const label = feed.catalogEntry?.name ?? feed.url;
  let discovery: Discovery;
  let snapshot;
  try {
    discovery = await readDiscovery(feed.url, feed.id ?? feed.defaultId, policy);
    if (feed.catalogEntry && discovery.hasStations !== null) {
      await rememberFeedKind(db, feed.catalogEntry.autoDiscoveryUrl, discovery.hasStations);
      forgetCatalog(db);
    }
    if (discovery.hasStations === false) throw stationlessRefusal(label, discovery.feedNames, feed.parameter);
    snapshot = await fetchSnapshot(feed.id ?? 'new', discovery.gbfsUrl, policy);
  } catch (error) {
    unusable(error, feed.parameter);
  }
  const { gbfsUrl } = discovery;
  // A feed without a system_id is named after its host.
  const feedName = feed.defaultId ?? snapshot.system.systemId ?? new URL(gbfsUrl).hostname;
  const parsedId = systemIdSchema.safeParse(feed.id ?? idFromFeed(feedName));
  if (!parsedId.success) {
    throw new FeedUnusableError('invalid_id', `"${feed.id ?? feedName}" is no valid id (${parsedId.error.issues[0].message}); choose one with id`, 'id');
  }
  const id = parsedId.data;
  if ((await listedSystems(db, { fresh: true })).some((s) => s.id === id)) {
    throw new ConflictError('system_exists', `a system "${id}" is already listed; choose another id`, 'id');
  }
  if (!(await insertAddedSystem(db, { id, gbfsUrl, feedAuth: feed.auth ?? null }))) {
    throw new ConflictError('system_exists', `a system "${id}" is already listed; choose another id`, 'id');
  }
  const { name, timezone } = snapshot.system;
  await rememberSystem(db, { id, name, timezone, gbfsUrl });
  forgetListedSystems(db);
  return { id, name, timezone, gbfsUrl, version: snapshot.version, stations: snapshot.stations.length };
}

export async function addSystem(db: Db, request: AddSystemRequest, guard: FeedGuard = createFeedGuard({ allowPrivate: getConfig().ALLOW_PRIVATE_FEEDS })): Promise<AddedSystem> {
  if (request.catalogId === undefined) {
    if (request.url === undefined) throw new BadRequestError('invalid_parameter', `url: ${URL_OR_CATALOG_ID}`, 'url');
    if (request.key !== undefined) throw new BadRequestError('invalid_parameter', `key: ${KEY_WITH_CATALOG_ID}`, 'key');
    return addFeed(db, { url: request.url, id: request.id, parameter: 'url' }, guard);
  }
  const system = await catalogSystem(db, request.catalogId, request.url);
  const auth = feedAuthOf(system, request.key);
  const collected = (await listedSystems(db, { fresh: true })).find((s) => feedKey(s.gbfsUrl) === feedKey(system.autoDiscoveryUrl));
  if (collected) throw new ConflictError('system_collected', `${system.name} is already collected, as "${collected.id}"`, 'catalogId');
  return addFeed(db, { url: system.autoDiscoveryUrl, id: request.id, defaultId: system.id, auth, parameter: 'catalogId', catalogEntry: system }, guard);
}
