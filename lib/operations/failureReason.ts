/**
 * The `reason` label of a failed poll: a few stable classes an alert can match, from the poll's
 * FailureKind. `http` is every way the feed could not be fetched short of a timeout (no connection,
 * an error status, a body over FETCH_MAX_BYTES); `other` is a failure nothing anticipated.
 */
import type { FailureKind } from '@/lib/ingest/failure';

export const FAILURE_REASONS = ['http', 'timeout', 'parse', 'shape', 'database', 'other'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

const REASON_OF_KIND: Record<FailureKind, FailureReason> = {
  network: 'http',
  http: 'http',
  timeout: 'timeout',
  parse: 'parse',
  shape: 'shape',
  database: 'database',
  other: 'other',
};

export function failureReasonOf(kind: FailureKind | undefined): FailureReason {
  return kind === undefined ? 'other' : REASON_OF_KIND[kind];
}
