import { beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '@/lib/ingest/pollSystem';
import { FAILURE_KINDS } from '@/lib/ingest/failure';
import { sampleOf } from '@/test/support/metricsText';
import { FAILURE_REASONS, failureReasonOf, recordPoll } from './pollMetrics';
import { forgetProcessMetrics, metricsRegistry } from './metricsRegistry';

const summary = (fields: Partial<RunSummary>): RunSummary => ({
  system: 's',
  runId: 1,
  status: 'ok',
  feedTime: '2025-06-03T07:00:00Z',
  stationsSeen: 10,
  ttlSeconds: 60,
  rowsWritten: 12,
  rollupRows: 30,
  skipped: {},
  durationMs: 250,
  ...fields,
});

const text = () => metricsRegistry().metrics();

beforeEach(() => forgetProcessMetrics());

describe('what a poll adds to the metrics', () => {
  it('counts polls by outcome, rows by kind, skipped records by reason, the duration and the ttl', async () => {
    recordPoll(summary({ skipped: { bad_coordinates: 2, clamped_last_reported: 1 } }));
    recordPoll(summary({ status: 'unchanged', rowsWritten: 0, rollupRows: 0, durationMs: 1500, ttlSeconds: 30 }));
    const body = await text();
    expect(sampleOf(body, 'gbfs_hotspots_polls_total', { system: 's', outcome: 'ok', reason: '' })).toBe(1);
    expect(sampleOf(body, 'gbfs_hotspots_polls_total', { system: 's', outcome: 'unchanged', reason: '' })).toBe(1);
    expect(sampleOf(body, 'gbfs_hotspots_rows_written_total', { system: 's', kind: 'raw' })).toBe(12);
    expect(sampleOf(body, 'gbfs_hotspots_rows_written_total', { system: 's', kind: 'rollup' })).toBe(30);
    expect(sampleOf(body, 'gbfs_hotspots_skipped_records_total', { system: 's', reason: 'bad_coordinates' })).toBe(2);
    expect(sampleOf(body, 'gbfs_hotspots_skipped_records_total', { system: 's', reason: 'clamped_last_reported' })).toBe(1);
    expect(sampleOf(body, 'gbfs_hotspots_poll_duration_seconds_count', { system: 's' })).toBe(2);
    expect(sampleOf(body, 'gbfs_hotspots_poll_duration_seconds_sum', { system: 's' })).toBeCloseTo(1.75);
    expect(sampleOf(body, 'gbfs_hotspots_poll_duration_seconds_bucket', { system: 's', le: '0.25' })).toBe(1);
    expect(sampleOf(body, 'gbfs_hotspots_feed_ttl_seconds', { system: 's' })).toBe(30);
  });

  it('counts a failure under its reason class; every outcome and reason of a system starts at 0', async () => {
    recordPoll(summary({ status: 'failed', failureKind: 'timeout', ttlSeconds: null, rowsWritten: 0, rollupRows: 0 }));
    const body = await text();
    expect(sampleOf(body, 'gbfs_hotspots_polls_total', { system: 's', outcome: 'failed', reason: 'timeout' })).toBe(1);
    for (const reason of FAILURE_REASONS.filter((r) => r !== 'timeout')) {
      expect(sampleOf(body, 'gbfs_hotspots_polls_total', { system: 's', outcome: 'failed', reason })).toBe(0);
    }
    for (const outcome of ['ok', 'unchanged', 'stale']) expect(sampleOf(body, 'gbfs_hotspots_polls_total', { system: 's', outcome, reason: '' })).toBe(0);
    // A failed poll read no ttl: the gauge is not set to a made-up value.
    expect(sampleOf(body, 'gbfs_hotspots_feed_ttl_seconds', { system: 's' })).toBeUndefined();
  });

  it('maps every failure kind to one of the reason classes (no connection is an http failure)', () => {
    expect(FAILURE_KINDS.map((kind) => [kind, failureReasonOf(kind)])).toEqual([
      ['network', 'http'],
      ['timeout', 'timeout'],
      ['http', 'http'],
      ['parse', 'parse'],
      ['shape', 'shape'],
      ['database', 'database'],
      ['other', 'other'],
    ]);
    expect(failureReasonOf(undefined)).toBe('other');
  });
});
