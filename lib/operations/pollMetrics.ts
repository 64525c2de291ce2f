/** What each poll adds to the metrics, read from its RunSummary: the one place polls are counted. */
import { Counter, Gauge, Histogram } from 'prom-client';
import { INGEST_STATUSES } from '@/db/schema';
import { describeError } from '@/lib/errors';
import type { RunSummary } from '@/lib/ingest/pollSystem';
import { logEvent } from '@/lib/log';
import { metricGroup } from './metricsRegistry';
import type { FailureKind } from '@/lib/ingest/failure';

/** A poll is a few HTTP documents and a transaction: tens of ms to FETCH_TIMEOUT_MS × retries. */
const POLL_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const pollMetrics = () =>
  metricGroup('polls', (registry) => ({
    polls: new Counter({
      name: 'gbfs_hotspots_polls_total',
      help: 'Polls by outcome (ok, unchanged, stale, failed); reason is the class of a failure (http, timeout, parse, shape, database, other), empty otherwise',
      labelNames: ['system', 'outcome', 'reason'] as const,
      registers: [registry],
    }),
    skipped: new Counter({
      name: 'gbfs_hotspots_skipped_records_total',
      help: 'Feed records left out (or corrected: clamped_last_reported) by polls, by reason',
      labelNames: ['system', 'reason'] as const,
      registers: [registry],
    }),
    rowsWritten: new Counter({
      name: 'gbfs_hotspots_rows_written_total',
      help: 'Rows polls wrote: kind="raw" station statuses and descriptions, kind="rollup" hourly rollups',
      labelNames: ['system', 'kind'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'gbfs_hotspots_poll_duration_seconds',
      help: 'Time a poll took, fetch and store, whatever its outcome',
      labelNames: ['system'] as const,
      buckets: POLL_DURATION_BUCKETS,
      registers: [registry],
    }),
    ttl: new Gauge({
      name: 'gbfs_hotspots_feed_ttl_seconds',
      help: 'The ttl the station_status feed announced at its newest read (how long it says it stays fresh)',
      labelNames: ['system'] as const,
      registers: [registry],
    }),
    /** Systems this process polled: their series were started at 0. */
    polledSystems: new Set<string>(),
  }));

/** Creates the poll metrics, so that a scrape before the first poll already lists them. */
export function registerPollMetrics(): void {
  pollMetrics();
}

type PollMetrics = ReturnType<typeof pollMetrics>;

/**
 * Every outcome and failure reason of a system starts at 0 at its first poll: a reason met for the
 * first time hours later would otherwise appear at 1, a step increase() cannot see.
 */
function startSeries(metrics: PollMetrics, system: string): void {
  for (const outcome of INGEST_STATUSES) {
    for (const reason of outcome === 'failed' ? FAILURE_REASONS : ['']) metrics.polls.inc({ system, outcome, reason }, 0);
  }
  metrics.polledSystems.add(system);
}

export function recordPoll(summary: RunSummary): void {
  // Counting must never fail a poll that worked.
  try {
    const metrics = pollMetrics();
    const system = summary.system;
    if (!metrics.polledSystems.has(system)) startSeries(metrics, system);
    const reason = summary.status === 'failed' ? failureReasonOf(summary.failureKind) : '';
    metrics.polls.inc({ system, outcome: summary.status, reason });
    metrics.duration.observe({ system }, summary.durationMs / 1000);
    for (const [skipReason, count] of Object.entries(summary.skipped)) if (count > 0) metrics.skipped.inc({ system, reason: skipReason }, count);
    metrics.rowsWritten.inc({ system, kind: 'raw' }, summary.rowsWritten);
    metrics.rowsWritten.inc({ system, kind: 'rollup' }, summary.rollupRows);
    if (summary.ttlSeconds !== null) metrics.ttl.set({ system }, summary.ttlSeconds);
  } catch (error) {
    logEvent('warn', 'metrics.poll_not_counted', { system: summary.system, error: describeError(error) });
  }
}

/**
 * The `reason` label of a failed poll: a few stable classes an alert can match, from the poll's
 * FailureKind. `http` is every way the feed could not be fetched short of a timeout (no connection,
 * an error status, a body over FETCH_MAX_BYTES); `other` is a failure nothing anticipated.
 */
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
