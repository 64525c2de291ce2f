import { describe, expect, it } from 'vitest';
import { describeFailure, freshnessLabel, pollStatus } from './pollStatus';
import type { SystemInfo } from './useSystems';

const NOW = Date.parse('2025-06-03T10:10:00Z');
const system: SystemInfo = {
  id: 'velib', name: 'Vélib', timezone: 'Europe/Paris', stations: 1500, firstDay: '2025-06-01', lastDay: '2025-06-03',
  lastPoll: '2025-06-03T10:09:00Z', lastPollAgeSeconds: 60, staleAfterSeconds: 900, center: null, bounds: null, simulated: false,
  lastAttempt: { at: '2025-06-03T10:09:30Z', status: 'ok', error: null }, pollIntervalSeconds: 60, source: 'env', paused: false,
};

describe('how collecting a system is going', () => {
  it('fresh data and a successful attempt: nothing to warn about', () => {
    expect(pollStatus(system, NOW)).toEqual({ failure: null, retry: 'retrying every 1 min', dataAgeSeconds: 60, stale: false });
    expect(describeFailure(pollStatus(system, NOW))).toBeNull();
  });

  it('polls failing after a success: the failure with its age, and the data stale past the threshold', () => {
    const failing = {
      ...system,
      lastPoll: '2025-06-03T09:40:00Z',
      lastAttempt: { at: '2025-06-03T10:09:48Z', status: 'failed' as const, error: 'HTTP 503 from velib.example' },
    };
    const status = pollStatus(failing, NOW);
    expect(status).toMatchObject({ failure: { reason: 'HTTP 503 from velib.example', ageSeconds: 12 }, dataAgeSeconds: 1800, stale: true });
    expect(describeFailure(status)).toBe('last attempt 12 s ago failed: HTTP 503 from velib.example; retrying every 1 min');
  });

  it('a feed that answers but is old is stale without a failure', () => {
    const status = pollStatus({ ...system, lastPoll: '2025-06-03T08:10:00Z', lastAttempt: { at: '2025-06-03T10:09:30Z', status: 'unchanged', error: null } }, NOW);
    expect(status).toMatchObject({ failure: null, stale: true, dataAgeSeconds: 7200 });
  });
});

describe("the picker's freshness label", () => {
  it.each([
    ['fresh', system, 'updated 1 min ago'],
    ['stale', { ...system, lastPoll: '2025-06-03T07:05:00Z' }, 'stale, data 3 h 05 min old'],
    ['failing', { ...system, lastPoll: '2025-06-03T10:00:00Z', lastAttempt: { at: '2025-06-03T10:09:50Z', status: 'failed' as const, error: 'HTTP 503' } }, 'polls failing, data 10 min old'],
    ['never polled', { ...system, lastPoll: null, lastAttempt: null }, 'no data yet'],
    ['never succeeded', { ...system, lastPoll: null, lastAttempt: { at: '2025-06-03T10:09:50Z', status: 'failed' as const, error: 'x' } }, 'polls failing, no data yet'],
    ['paused', { ...system, paused: true }, 'paused'],
  ])('%s: "%s"', (_case, input, label) => {
    expect(freshnessLabel(input, NOW)).toBe(label);
  });
});
