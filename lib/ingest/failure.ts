/**
 * Why a poll failed, in two forms: a kind (for metrics and alerts) and a reason a person reading
 * the page understands ("cannot reach host (no network?)", "HTTP 503 from host", "not GBFS: …").
 * Neither carries a secret, a stack or a query.
 */
import { FeedHttpError } from '@/lib/gbfs/http';
import { GbfsFormatError } from '@/lib/gbfs/types';
import { isConnectionLost } from '@/db/connectionLoss';
import { DatabaseOpenError } from '@/db/client';
import { describeError } from '@/lib/errors';

export const FAILURE_KINDS = ['network', 'timeout', 'http', 'parse', 'shape', 'database', 'other'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface Failure {
  kind: FailureKind;
  reason: string;
}

const MAX_REASON = 200;

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

/** Node's codes for a host that cannot be reached at all. */
const UNREACHABLE = /\b(ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH)\b/;
const REFUSED = /\bECONNREFUSED\b/;
const CUT = /\b(ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed)\b/;

function feedHttpFailure(error: FeedHttpError): Failure {
  const host = hostOf(error.url);
  if (error.status !== null) {
    if (/within \d+ ms/.test(error.message)) return { kind: 'timeout', reason: `${host} stopped sending the feed before it was complete` };
    return { kind: 'http', reason: `HTTP ${error.status} from ${host}` };
  }
  if (/within \d+ ms/.test(error.message)) return { kind: 'timeout', reason: `${host} did not answer in time` };
  if (/-byte cap/.test(error.message)) return { kind: 'http', reason: `the feed from ${host} is larger than FETCH_MAX_BYTES` };
  if (UNREACHABLE.test(error.message)) return { kind: 'network', reason: `cannot reach ${host} (no network?)` };
  if (REFUSED.test(error.message)) return { kind: 'network', reason: `${host} refused the connection (is the feed's server running?)` };
  if (CUT.test(error.message)) return { kind: 'network', reason: `the connection to ${host} was cut` };
  return { kind: 'network', reason: `cannot fetch from ${host}` };
}

export function classifyFailure(error: unknown): Failure {
  let failure: Failure;
  if (error instanceof FeedHttpError) failure = feedHttpFailure(error);
  else if (error instanceof GbfsFormatError) failure = { kind: error.kind, reason: `not GBFS: ${error.message}` };
  else if (error instanceof DatabaseOpenError || isConnectionLost(error)) failure = { kind: 'database', reason: 'the database is unavailable' };
  else failure = { kind: 'other', reason: describeError(error) };
  return { ...failure, reason: failure.reason.length > MAX_REASON ? `${failure.reason.slice(0, MAX_REASON - 1)}…` : failure.reason };
}
