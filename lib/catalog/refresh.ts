/**
 * Reading the catalog from GBFS_CATALOG_URL and storing it: once a day, after a poll (a GET never
 * reads it: it answers from the stored copy), or at once when someone adds a system from a catalog
 * never read. An http(s) URL goes through the fetch every feed goes through (timeout, size cap,
 * retries) and the address guard of added feeds; a file: URL is read from disk under the same
 * size cap. When the read fails (offline, a broken file) the stored copy stays and the failure is
 * recorded beside it, and the next try waits an hour.
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getConfig } from '@/lib/config';
import { describeError } from '@/lib/errors';
import { createFeedGuard, FeedRefusedError } from '@/lib/gbfs/feedGuard';
import { fetchDocument } from '@/lib/gbfs/http';
import { classifyFailure } from '@/lib/ingest/failure';
import type { AfterPollStep } from '@/lib/ingest/afterPoll';
import { logEvent } from '@/lib/log';
import { perDatabase } from '@/lib/cache';
import type { Db } from '@/db/client';
import { CatalogFormatError, parseCatalogCsv, type ParsedCatalog } from './parse';
import { forgetCatalog } from './read';
import { catalogReading, type CatalogReading } from './sql';
import { recordCatalogFailure, replaceCatalog } from './store';

export const REFRESH_EVERY_MS = 86_400_000;
export const RETRY_AFTER_MS = 3_600_000;

/**
 * Whether the catalog should be read now: never tried, or a URL never tried (GBFS_CATALOG_URL
 * changed), at once; otherwise an hour after a failed attempt, or a day after the copy was read.
 */
export function catalogRefreshDue(reading: CatalogReading | null, sourceUrl: string, now: number): boolean {
  if (reading === null || reading.sourceUrl !== sourceUrl) return true;
  if (reading.error !== null && now - reading.attemptedAt < RETRY_AFTER_MS) return false;
  return reading.readAt === null || now - reading.readAt >= REFRESH_EVERY_MS;
}

async function readFileCapped(url: string, maxBytes: number): Promise<Buffer> {
  const file = fileURLToPath(url);
  const { size } = await stat(file);
  if (size > maxBytes) throw new Error(`${file} is larger than FETCH_MAX_BYTES (${maxBytes} bytes)`);
  return readFile(file);
}

/** The catalog's text at `url` (the address checked as any feed someone handed over). */
async function readSource(url: string): Promise<string | Buffer> {
  const { FETCH_TIMEOUT_MS, FETCH_MAX_BYTES, ALLOW_PRIVATE_FEEDS } = getConfig();
  if (url.startsWith('file:')) return readFileCapped(url, FETCH_MAX_BYTES);
  const guard = createFeedGuard({ allowPrivate: ALLOW_PRIVATE_FEEDS });
  // One try: the poll round waits on it, and a failure is tried again an hour later anyway.
  return (await fetchDocument(url, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: FETCH_MAX_BYTES, retries: 0, guard })).text;
}

/** Why a read failed, in words a person understands (never a stack). */
function reasonOf(error: unknown): string {
  if (error instanceof FeedRefusedError || error instanceof CatalogFormatError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `no file at ${(error as NodeJS.ErrnoException).path}`;
  if (code === 'EACCES' || code === 'EISDIR') return `cannot read ${(error as NodeJS.ErrnoException).path} (${code})`;
  const { kind, reason } = classifyFailure(error);
  return kind === 'other' ? describeError(error) : reason;
}

export type CatalogRefresh =
  | { status: 'read'; systems: number; skippedLines: number }
  | { status: 'failed'; error: string };

/** Reads the catalog now and stores it (or records why not, keeping the stored copy). */
export async function refreshCatalog(db: Db, sourceUrl = getConfig().GBFS_CATALOG_URL): Promise<CatalogRefresh> {
  let catalog: ParsedCatalog;
  try {
    catalog = parseCatalogCsv(await readSource(sourceUrl));
  } catch (error) {
    const reason = reasonOf(error);
    await recordCatalogFailure(db, sourceUrl, new Date(), reason);
    forgetCatalog(db);
    logEvent('warn', 'catalog.read_failed', { reason });
    return { status: 'failed', error: reason };
  }
  await replaceCatalog(db, catalog, sourceUrl, new Date());
  forgetCatalog(db);
  logEvent('info', 'catalog.read', { systems: catalog.systems.length, skippedLines: catalog.skippedLines });
  return { status: 'read', systems: catalog.systems.length, skippedLines: catalog.skippedLines };
}

/** The refresh running in this process, if any: the polls of one round share it. */
const running = perDatabase((_db: Db) => ({ refresh: null as Promise<CatalogRefresh | null> | null }));

/** Refreshes the catalog if it is due (see catalogRefreshDue); null when it was not. */
export function refreshCatalogIfDue(db: Db, now = Date.now()): Promise<CatalogRefresh | null> {
  const slot = running(db);
  slot.refresh ??= (async () => {
    const sourceUrl = getConfig().GBFS_CATALOG_URL;
    return catalogRefreshDue(await catalogReading(db), sourceUrl, now) ? refreshCatalog(db, sourceUrl) : null;
  })().finally(() => {
    slot.refresh = null;
  });
  return slot.refresh;
}

/** After a poll: the daily refresh (a backfill's past polls leave it to the newest one). */
export const catalogRefreshStep: AfterPollStep = {
  name: 'catalog',
  async run({ db, catchingUp }) {
    if (!catchingUp) await refreshCatalogIfDue(db);
  },
};
