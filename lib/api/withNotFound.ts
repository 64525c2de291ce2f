import { NotFoundError } from '@/lib/read/resolveSystem';
import { jsonError } from './responses';

/** Turns a NotFoundError thrown below a route handler into its 404 JSON answer. */
export function withNotFound<A extends unknown[]>(handler: (request: Request, ...rest: A) => Promise<Response>) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      if (error instanceof NotFoundError) {
        return jsonError(404, error.code, error.message, { parameter: error.parameter, accepted: error.accepted });
      }
      throw error;
    }
  };
}
