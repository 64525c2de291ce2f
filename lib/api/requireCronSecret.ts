/** The routes that act (poll, add or remove a system) ask for CRON_SECRET as a bearer token, Vercel-cron style. */
import { getConfig } from '@/lib/config';
import { checkBearerToken } from './bearerToken';
import { jsonError } from './responses';

/** The refusal to answer with, or null when the request carries the secret. */
export function cronSecretRefusal(request: Request): Response | null {
  const auth = checkBearerToken(request.headers.get('authorization'), getConfig().CRON_SECRET);
  if (auth === 'not_configured') {
    return jsonError(503, 'not_configured', 'CRON_SECRET is not set on the server: this route is disabled');
  }
  if (auth === 'denied') return jsonError(401, 'unauthorized', 'Authorization: Bearer <CRON_SECRET> required');
  return null;
}
