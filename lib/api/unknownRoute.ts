/**
 * What an /api/… path that no route serves answers: the API's JSON 404 naming the path, rather
 * than Next's HTML page, which a program calling the API cannot read.
 */
import { NotFoundError } from './errors';

/** A path longer than this is shortened in the message: the answer echoes what the caller sent. */
const MAX_ECHOED_PATH = 200;

export function unknownApiPathError(request: Request): NotFoundError {
  // The path only: a query string can carry what a caller should not have sent (a secret).
  const { pathname } = new URL(request.url);
  const shown = pathname.length > MAX_ECHOED_PATH ? `${pathname.slice(0, MAX_ECHOED_PATH)}…` : pathname;
  return new NotFoundError('unknown_route', `no API route at ${request.method} ${shown}; the routes are listed in /api/openapi.json`, 'path');
}
