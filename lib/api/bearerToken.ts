/**
 * `Authorization: Bearer <secret>` checks (the cron route's CRON_SECRET, the metrics' METRICS_TOKEN),
 * compared in constant time whatever the secret's length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** `not_configured`: no secret is set, and each route decides what that means (closed or open). */
export type BearerCheck = 'ok' | 'not_configured' | 'denied';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function checkBearerToken(header: string | null, secret: string | undefined): BearerCheck {
  if (!secret) return 'not_configured';
  // Hashing first gives equal-length buffers, so neither length nor content leaks through timing.
  const match = timingSafeEqual(digest(header ?? ''), digest(`Bearer ${secret}`));
  return match ? 'ok' : 'denied';
}
