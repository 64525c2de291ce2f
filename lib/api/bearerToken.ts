/**
 * `Authorization: Bearer <secret>` checks (the cron route's CRON_SECRET, the metrics' METRICS_TOKEN),
 * compared in constant time whatever the secret's length. The routes that act (poll, add, pause or
 * remove a system) ask for CRON_SECRET, Vercel-cron style.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { getConfig } from '@/lib/config';
import { NotConfiguredError, UnauthorizedError } from './errors';

/** `not_configured`: no secret is set, and each route decides what that means (closed or open). */
export type BearerCheck = 'ok' | 'not_configured' | 'denied';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function checkBearerToken(header: string | null, secret: string | undefined): BearerCheck {
  if (!secret) return 'not_configured';
  // Hashing first gives equal-length buffers, so neither length nor content leaks through timing.
  const match = timingSafeEqual(digest(header ?? ''), digest(`Bearer ${secret}`));
  return match ? 'ok' : 'denied';
}

/** Throws the refusal (401, or 503 while CRON_SECRET is unset) unless the request carries CRON_SECRET. */
export function requireCronSecret(request: Request): void {
  const auth = checkBearerToken(request.headers.get('authorization'), getConfig().CRON_SECRET);
  if (auth === 'not_configured') throw new NotConfiguredError('not_configured', 'CRON_SECRET is not set on the server: this route is disabled');
  if (auth === 'denied') throw new UnauthorizedError('unauthorized', 'Authorization: Bearer <CRON_SECRET> required');
}

/** Throws a 401 unless the request carries METRICS_TOKEN; without one the metrics are open, as most exporters' are. */
export function requireMetricsToken(request: Request): void {
  if (checkBearerToken(request.headers.get('authorization'), getConfig().METRICS_TOKEN) === 'denied') {
    throw new UnauthorizedError('unauthorized', 'Authorization: Bearer <METRICS_TOKEN> required');
  }
}
