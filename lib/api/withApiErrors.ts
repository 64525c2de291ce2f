/**
 * The one error boundary of every route handler: a known error becomes its 4xx/503 JSON answer;
 * anything else is logged once, with the route and never a secret, and answered as a JSON 500
 * instead of Next's bare HTML page. Every answer, errors included, is timed and counted for
 * /api/metrics.
 */
import { describeError } from '@/lib/errors';
import { logEvent } from '@/lib/log';
import { recordRequest } from '@/lib/operations/routeMetrics';
import { knownApiError } from './errors';
import { jsonError } from './responses';

export function withApiErrors<A extends unknown[]>(handler: (request: Request, ...rest: A) => Promise<Response> | Response) {
  const answer = async (request: Request, rest: A): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      const known = knownApiError(error);
      if (known) return jsonError(known.status, known.code, known.message, { parameter: known.parameter, accepted: known.accepted, ...known.details });
      // The path only: a query string can carry what a caller should not have sent (a secret).
      logEvent('error', 'api.failed', { route: new URL(request.url).pathname, error: describeError(error) });
      return jsonError(500, 'internal_error', 'the server failed to answer this request; it has been logged');
    }
  };
  return async (request: Request, ...rest: A): Promise<Response> => {
    const started = performance.now();
    const response = await answer(request, rest);
    recordRequest(request, response.status, (performance.now() - started) / 1000);
    return response;
  };
}
