/** Vercel-cron style bearer check, compared in constant time whatever the secret's length. */
import { createHash, timingSafeEqual } from 'node:crypto';

export type CronAuthResult = 'ok' | 'not_configured' | 'denied';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function checkCronAuthorization(header: string | null, secret: string | undefined): CronAuthResult {
  if (!secret) return 'not_configured';
  // Hashing first gives equal-length buffers, so neither length nor content leaks through timing.
  const match = timingSafeEqual(digest(header ?? ''), digest(`Bearer ${secret}`));
  return match ? 'ok' : 'denied';
}
