/**
 * Adding a system while the app runs: read the gbfs.json (or v3 manifest) given, take the name and
 * time zone from system_information, check that station_information and station_status parse (a
 * whole poll's fetch, through the address guard), then list it in the database. The next poll
 * round of every process on that database polls it.
 */
import { BadRequestError, ConflictError, FeedUnusableError } from '@/lib/api/errors';
import { getConfig } from '@/lib/config';
import { createFeedGuard, FeedRefusedError, type FeedGuard } from '@/lib/gbfs/feedGuard';
import { fetchSnapshot } from '@/lib/gbfs/fetchSnapshot';
import { fetchDocument, type FetchPolicy } from '@/lib/gbfs/http';
import { parseJsonText } from '@/lib/gbfs/json';
import { chooseDataset, isManifest, parseManifest } from '@/lib/gbfs/manifest';
import { classifyFailure } from '@/lib/ingest/failure';
import { systemIdSchema } from '@/lib/systems/catalog';
import { forgetListedSystems, listedSystems } from '@/lib/systems/listed';
import type { Db } from '@/db/client';
import { insertAddedSystem } from '@/lib/systems/store';
import { rememberSystem } from '@/lib/systems/store';

export interface AddSystemRequest {
  url: string;
  /** Default: the feed's own system_id, made a valid id. */
  id?: string;
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
function unusable(error: unknown): never {
  if (error instanceof FeedRefusedError) throw new BadRequestError('feed_refused', error.message, 'url');
  const { kind, reason } = classifyFailure(error);
  throw new FeedUnusableError(kind === 'parse' || kind === 'shape' ? 'feed_invalid' : 'feed_unreachable', reason, 'url');
}

/** The gbfs.json behind a URL: itself, or the chosen dataset's of a manifest. */
async function gbfsUrlOf(url: string, id: string | undefined, policy: FetchPolicy): Promise<string> {
  const document = await fetchDocument(url, policy);
  const json = parseJsonText(document.text, 'gbfs');
  return isManifest(json) ? chooseDataset(parseManifest(json), id).gbfsUrl : url;
}

export async function addSystem(db: Db, request: AddSystemRequest, guard: FeedGuard = createFeedGuard({ allowPrivate: getConfig().ALLOW_PRIVATE_FEEDS })): Promise<AddedSystem> {
  const { FETCH_TIMEOUT_MS, FETCH_MAX_BYTES } = getConfig();
  // One try: a person is waiting, and a feed that fails now is better added once it answers.
  const policy: FetchPolicy = { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: FETCH_MAX_BYTES, retries: 0, guard };
  let gbfsUrl: string;
  let snapshot;
  try {
    gbfsUrl = await gbfsUrlOf(request.url, request.id, policy);
    snapshot = await fetchSnapshot(request.id ?? 'new', gbfsUrl, policy);
  } catch (error) {
    unusable(error);
  }
  // A feed without a system_id is named after its host.
  const feedName = snapshot.system.systemId ?? new URL(gbfsUrl).hostname;
  const parsedId = systemIdSchema.safeParse(request.id ?? idFromFeed(feedName));
  if (!parsedId.success) {
    throw new FeedUnusableError('invalid_id', `"${request.id ?? feedName}" is no valid id (${parsedId.error.issues[0].message}); choose one with id`, 'id');
  }
  const id = parsedId.data;
  if ((await listedSystems(db, { fresh: true })).some((s) => s.id === id)) {
    throw new ConflictError('system_exists', `a system "${id}" is already listed; choose another id`, 'id');
  }
  if (!(await insertAddedSystem(db, { id, gbfsUrl }))) {
    throw new ConflictError('system_exists', `a system "${id}" is already listed; choose another id`, 'id');
  }
  const { name, timezone } = snapshot.system;
  await rememberSystem(db, { id, name, timezone, gbfsUrl });
  forgetListedSystems(db);
  return { id, name, timezone, gbfsUrl, version: snapshot.version, stations: snapshot.stations.length };
}
