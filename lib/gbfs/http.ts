/**
 * Fetching one feed document: a timeout, a size cap, retries with backoff and 429 Retry-After.
 * Feeds are small JSON files; anything bigger than the cap is a broken or hostile server.
 */
import { fetch as guardedFetch } from 'undici';
import { USER_AGENT } from '@/lib/config';
import { FeedRefusedError, refusalBehind, type FeedGuard } from './feedGuard';

export interface FetchPolicy {
  timeoutMs: number;
  maxBytes: number;
  retries: number;
  /** First backoff delay; doubles on every retry. */
  backoffMs?: number;
  /** The longest Retry-After we wait for inside one poll; longer ones fail the poll. */
  maxRetryAfterMs?: number;
  /** For an address given by a user: checked on every hop, redirects followed by hand. */
  guard?: FeedGuard;
  /** The key of a feed that needs one, sent with every request (never written into a URL that is shown or logged). */
  auth?: FeedAuth;
}

/** A feed's key: one value per header or query parameter name (the catalog's Authentication Type and Parameter Name). */
export interface FeedAuth {
  in: 'header' | 'query';
  names: string[];
  values: string[];
}

/** The URL actually requested: with the key's query parameters when the feed takes it there. */
function requestUrl(url: string, auth: FeedAuth | undefined): string {
  if (auth?.in !== 'query' || !URL.canParse(url)) return url;
  const withKey = new URL(url);
  auth.names.forEach((name, i) => withKey.searchParams.set(name, auth.values[i] ?? ''));
  return withKey.href;
}

function requestHeaders(auth: FeedAuth | undefined): Record<string, string> {
  if (auth?.in !== 'header') return REQUEST_HEADERS;
  return { ...REQUEST_HEADERS, ...Object.fromEntries(auth.names.map((name, i) => [name, auth.values[i] ?? ''])) };
}

export interface FetchedDocument {
  url: string;
  status: number;
  text: string;
  /** epoch seconds when the body finished arriving. */
  fetchedAt: number;
}

export class FeedHttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
    /** HTTP status, or null when no response arrived (timeout, refused, too large). */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'FeedHttpError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const secondsValue = Number(header);
  if (Number.isFinite(secondsValue)) return Math.max(0, secondsValue * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FeedHttpError(`${url}: body of ${declared} bytes exceeds the ${maxBytes}-byte cap`, url, null);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FeedHttpError(`${url}: body exceeds the ${maxBytes}-byte cap`, url, null);
    }
    chunks.push(value);
  }
  return decodeFeedText(Buffer.concat(chunks));
}

/** Whether the bytes hold at least one well-formed multi-byte UTF-8 sequence. */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i];
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) continue;
    let k = 1;
    while (k < length && bytes[i + k] >= 0x80 && bytes[i + k] <= 0xbf) k++;
    if (k === length) return true;
  }
  return false;
}

/**
 * JSON is UTF-8 (RFC 8259; a charset parameter means nothing for it, and servers often declare
 * ISO-8859-1 by default over UTF-8 bytes). A document that is not valid UTF-8 and holds no UTF-8
 * sequence at all was written in Latin-1 (Windows-1252): it is read as such, so "Vélib" stays
 * "Vélib". A mostly UTF-8 document keeps U+FFFD for its stray bytes rather than failing the poll.
 */
export function decodeFeedText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return hasUtf8Sequence(bytes) ? new TextDecoder('utf-8').decode(bytes) : decodeWindows1252(bytes);
  }
}

/** Windows-1252's characters for bytes 80–9F (5 unassigned ones stay C1 controls, as WHATWG decodes them). */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (bytes 80–9F become invisible C1
 * controls instead of – ’ € Œ...), so the table is applied here.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80]);
}

const REQUEST_HEADERS = { 'user-agent': USER_AGENT, accept: 'application/json' };

/**
 * Follows redirects one hop at a time, so that the guard sees (and may refuse) each address; a
 * feed's key goes only to the origin it was given for.
 */
async function fetchGuarded(url: string, guard: FeedGuard, signal: AbortSignal, auth: FeedAuth | undefined): Promise<Response> {
  let current = url;
  for (let hops = 0; ; hops++) {
    guard.check(current);
    const hopAuth = new URL(current).origin === new URL(url).origin ? auth : undefined;
    const response = await guardedFetch(requestUrl(current, hopAuth), { signal, headers: requestHeaders(hopAuth), redirect: 'manual', dispatcher: guard.dispatcher });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) {
      // undici's Response is the class Node's global fetch answers with; only its TypeScript types differ.
      return response as unknown as Response;
    }
    await response.body?.cancel();
    if (hops === guard.maxRedirects) throw new FeedRefusedError(`${url}: more than ${guard.maxRedirects} redirects`, url);
    current = new URL(location, current).href;
  }
}

async function fetchOnce(url: string, policy: FetchPolicy): Promise<FetchedDocument> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let response: Response;
  try {
    response = policy.guard
      ? await fetchGuarded(url, policy.guard, signal, policy.auth)
      : await fetch(requestUrl(url, policy.auth), { signal, headers: requestHeaders(policy.auth), redirect: 'follow', cache: 'no-store' });
  } catch (error) {
    const refused = refusalBehind(error);
    if (refused) throw refused;
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const reason = signal.aborted
      ? `no answer within ${policy.timeoutMs} ms`
      : `${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
    throw new FeedHttpError(`${url}: ${reason}`, url, null);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const error = new FeedHttpError(`${url}: HTTP ${response.status}`, url, response.status);
    Object.assign(error, { retryAfterMs: retryAfterMs(response.headers.get('retry-after')) });
    throw error;
  }
  try {
    const text = await readCapped(response, policy.maxBytes, url);
    return { url, status: response.status, text, fetchedAt: Math.floor(Date.now() / 1000) };
  } catch (error) {
    if (error instanceof FeedHttpError) throw error;
    const reason = signal.aborted ? `body not complete within ${policy.timeoutMs} ms` : (error as Error).message;
    throw new FeedHttpError(`${url}: ${reason}`, url, response.status);
  }
}

function isRetryable(error: FeedHttpError): boolean {
  if (error.status === null) return !error.message.includes('cap');
  return error.status === 429 || error.status >= 500;
}

export async function fetchDocument(url: string, policy: FetchPolicy): Promise<FetchedDocument> {
  const backoffMs = policy.backoffMs ?? 500;
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? 15_000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(url, policy);
    } catch (error) {
      if (!(error instanceof FeedHttpError) || !isRetryable(error) || attempt >= policy.retries) throw error;
      const asked = (error as FeedHttpError & { retryAfterMs?: number | null }).retryAfterMs ?? null;
      if (asked !== null && asked > maxRetryAfterMs) {
        throw new FeedHttpError(`${error.message}; Retry-After ${Math.round(asked / 1000)} s is longer than we wait`, url, error.status);
      }
      await sleep(Math.max(asked ?? 0, backoffMs * 2 ** attempt));
    }
  }
}
