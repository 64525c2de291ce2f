/**
 * The JSON of an answer kept in memory (a finished day's hotspots, an issued forecast) is sent
 * many times: it is serialised and encoded to UTF-8 once per answer and kept beside it, so that a
 * request costs a copy of bytes, not a JSON.stringify of hundreds of kilobytes. The bytes live as
 * long as the answer object does (a WeakMap): when the answer's cache drops it, they go with it.
 *
 * Not gzipped here: Next 16 drops a route handler's Content-Encoding (send-response.ts) and then
 * gzips the body itself for a client that accepts it, so bytes gzipped here arrive gzipped twice.
 */
import { jsonHeaders } from './responses';

const encoded = new WeakMap<object, Uint8Array<ArrayBuffer>>();

/** A JSON answer of `body`, which must not change once answered: it is serialised once. */
export function encodedJsonResponse(body: object, init: ResponseInit = {}): Response {
  let bytes = encoded.get(body);
  if (bytes === undefined) encoded.set(body, (bytes = new TextEncoder().encode(JSON.stringify(body))));
  return new Response(bytes, { ...init, headers: jsonHeaders(init.headers) });
}
