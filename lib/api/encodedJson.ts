/**
 * The JSON of an answer kept in memory (a finished day's hotspots, an issued forecast) is sent
 * many times: it is serialised, encoded and gzipped once per answer and kept beside it, so that a
 * request costs a copy of bytes, not a JSON.stringify of hundreds of kilobytes and a gzip of them.
 * The bytes live as long as the answer object does (a WeakMap): when the answer's cache drops it,
 * they go with it.
 *
 * gzip only: brotli made the hotspots of a Vélib' day 4 % smaller than gzip (numbers compress alike)
 * for 3-15× the time, and Next's own compression, which a precompressed answer skips, is gzip.
 */
import zlib from 'node:zlib';
import Negotiator from 'negotiator';
import { jsonHeaders } from './responses';

/** Below this many bytes, gzip saves less than its headers and the time: sent as it is. */
export const GZIP_MIN_BYTES = 1024;

interface EncodedBodies {
  json: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
}

const encoded = new WeakMap<object, EncodedBodies>();

function bodiesOf(body: object): EncodedBodies {
  let bodies = encoded.get(body);
  if (bodies === undefined) encoded.set(body, (bodies = { json: new TextEncoder().encode(JSON.stringify(body)) }));
  return bodies;
}

/** Whether the request takes a gzipped answer (its Accept-Encoding, q values honoured). */
export function acceptsGzip(request: Request): boolean {
  const negotiator = new Negotiator({ headers: { 'accept-encoding': request.headers.get('accept-encoding') ?? undefined } });
  return negotiator.encoding(['gzip', 'identity']) === 'gzip';
}

/**
 * A JSON answer of `body`, which must not change once answered (it is serialised once): gzipped
 * when the request accepts it and the JSON is not tiny, with `Vary: Accept-Encoding` either way.
 */
export function encodedJsonResponse(request: Request, body: object, init: ResponseInit = {}): Response {
  const bodies = bodiesOf(body);
  const headers = jsonHeaders(init.headers);
  headers.append('vary', 'accept-encoding');
  let bytes = bodies.json;
  if (bytes.length >= GZIP_MIN_BYTES && acceptsGzip(request)) {
    bytes = bodies.gzip ??= new Uint8Array(zlib.gzipSync(bodies.json));
    headers.set('content-encoding', 'gzip');
  }
  return new Response(bytes, { ...init, headers });
}
