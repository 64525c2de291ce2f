/**
 * How collecting a system is going, in the words the status line and the empty state use: the
 * newest attempt failed (why, when, when it retries) and whether the stored data is stale.
 */
import { formatAge } from './format';
import type { SystemInfo } from './useSystems';

export interface PollStatus {
  /** The newest attempt failed: its reason and age. */
  failure: { reason: string; ageSeconds: number } | null;
  /** "retrying every 1 min", or how a cron-only server retries. */
  retry: string;
  /** Age of the newest stored poll, or null when none was ever stored. */
  dataAgeSeconds: number | null;
  stale: boolean;
}

/** "retrying every 1 min", or how a cron-only server retries. */
export function retryOf(system: Pick<SystemInfo, 'pollIntervalSeconds'>): string {
  return system.pollIntervalSeconds > 0 ? `retrying every ${formatAge(system.pollIntervalSeconds)}` : 'retried at the next call of the cron route';
}

const ageSince = (iso: string, now: number) => Math.max(0, (now - Date.parse(iso)) / 1000);

export function pollStatus(system: SystemInfo, now: number): PollStatus {
  const attempt = system.lastAttempt;
  const dataAgeSeconds = system.lastPoll ? ageSince(system.lastPoll, now) : null;
  return {
    failure: attempt?.status === 'failed' ? { reason: attempt.error ?? 'the poll failed', ageSeconds: ageSince(attempt.at, now) } : null,
    retry: retryOf(system),
    dataAgeSeconds,
    // The server's own threshold, the one /api/health reports staleness with.
    stale: dataAgeSeconds !== null && dataAgeSeconds > system.staleAfterSeconds,
  };
}

/** "last attempt 12 s ago failed: cannot reach … (no network?); retrying every 1 min" */
export function describeFailure(status: PollStatus): string | null {
  if (!status.failure) return null;
  return `last attempt ${formatAge(status.failure.ageSeconds)} ago failed: ${status.failure.reason}; ${status.retry}`;
}

/** Where no poll ever succeeded, the way to see the app anyway. */
export const DEMO_HINT = 'No internet, or just trying the app? `npm run demo` serves it on simulated data, offline.';

/** A system's freshness in a few words, for the picker: "updated 2 min ago", "stale (3 h 05 min)", "paused"… */
export function freshnessLabel(system: SystemInfo, now: number): string {
  if (system.paused) return 'paused';
  const status = pollStatus(system, now);
  if (status.dataAgeSeconds === null) return status.failure ? 'polls failing, no data yet' : 'no data yet';
  const age = formatAge(status.dataAgeSeconds);
  if (status.failure) return `polls failing, data ${age} old`;
  return status.stale ? `stale, data ${age} old` : `updated ${age} ago`;
}
