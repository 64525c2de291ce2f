import { describe, expect, it } from 'vitest';
import type { HotspotsResponse } from '@/lib/hotspots/schemas';
import { ApiError } from './apiClient';
import { explorerNotice, type NoticeInput } from './explorerNotice';
import type { SystemInfo } from './useSystems';

const velib: SystemInfo = {
  id: 'velib',
  name: 'Vélib',
  timezone: 'Europe/Paris',
  stations: 1500,
  firstDay: '2025-06-01',
  lastDay: '2025-06-03',
  lastPoll: '2025-06-03T10:00:00Z',
  lastPollAgeSeconds: 30,
  staleAfterSeconds: 900,
  center: { lat: 48.86, lon: 2.35 },
  bounds: [2.2, 48.8, 2.5, 48.9],
  simulated: false,
  lastAttempt: { at: '2025-06-03T10:00:05Z', status: 'ok', error: null },
  pollIntervalSeconds: 60,
  source: 'built-in',
  paused: false,
};
const HOTSPOTS_URL = '/api/hotspots?system=velib&date=2025-06-02';

function answer(hexagons: HotspotsResponse['hexagons']): HotspotsResponse {
  return {
    system: 'velib', date: '2025-06-02', period: { start: '2025-06-02', end: '2025-06-02', days: 1, daysWithData: 1, weekdays: [1, 2, 3, 4, 5, 6, 7] }, base: null, timezone: 'Europe/Paris', resolution: 10, metric: 'occupancy', unit: 'share',
    window: { from: 0, to: 24, start: '', end: '' }, generatedAt: '', coverage: 1, stations: 1500,
    dataRange: { firstDay: '2025-06-01', lastDay: '2025-06-03' }, hexagons,
  };
}

function input(patch: Partial<NoticeInput> = {}): NoticeInput {
  const retry = () => undefined;
  return {
    systems: { data: { systems: [velib] }, dataUrl: '/api/systems', loading: false, error: null, retry },
    requestedSystem: null,
    system: velib,
    date: '2025-06-02',
    from: 0,
    to: 24,
    hotspots: { data: answer([{ h3: '8a1fb4663cb7fff', lat: 48.86, lon: 2.35, weight: 1, value: 0.5, rank: 1, stations: 1, coverage: 1 }]), dataUrl: HOTSPOTS_URL, url: HOTSPOTS_URL, loading: false, error: null, retry },
    periodChoice: { period: null, weekdays: null, base: null },
    showSystem: () => undefined,
    showDate: () => undefined,
    change: () => undefined,
    ...patch,
  };
}

describe('what the page says over the map', () => {
  it('nothing when hexagons are shown', () => {
    expect(explorerNotice(input())).toBeNull();
  });

  it('loading while the answer for the current view has not arrived, even with an older one shown', () => {
    const base = input();
    expect(explorerNotice(input({ hotspots: { ...base.hotspots, url: `${HOTSPOTS_URL}&from=8`, loading: true } }))).toEqual({
      kind: 'loading',
      message: 'Loading the hotspots of Mon 2 Jun 2025…',
    });
  });

  it('an error names what failed, the server message and the HTTP status', () => {
    const base = input();
    const notice = explorerNotice(input({ from: 8, to: 10, hotspots: { ...base.hotspots, error: new ApiError('the database is not reachable', 503, 'unavailable') } }));
    expect(notice).toMatchObject({ kind: 'error', message: 'Could not load the hotspots of Mon 2 Jun 2025, 08:00–10:00: the database is not reachable (HTTP 503).' });
  });

  it('a day outside the data says which days have data and offers the newest', () => {
    let shown: string | null = null;
    const base = input();
    const notice = explorerNotice(input({ date: '2020-01-01', showDate: (d) => (shown = d), hotspots: { ...base.hotspots, data: answer([]) } }));
    expect(notice).toMatchObject({ kind: 'empty', message: 'No data for Wed 1 Jan 2020; data from Sun 1 Jun 2025 to Tue 3 Jun 2025.' });
    if (notice?.kind !== 'empty') throw new Error('not empty');
    notice.action?.run();
    expect(shown).toBe('2025-06-03');
  });

  it('an unknown system is named with the known ones', () => {
    expect(explorerNotice(input({ requestedSystem: 'atlantis', system: null }))).toMatchObject({
      kind: 'error',
      message: 'There is no system "atlantis" here. Known systems: velib.',
    });
  });

  it('a system with no poll yet says the first hexagons are coming', () => {
    const waiting = { ...velib, firstDay: null, lastDay: null, lastPoll: null, lastAttempt: null };
    expect(explorerNotice(input({ system: waiting, date: null }))).toEqual({
      kind: 'empty',
      message: 'No data collected for Vélib yet: the first hexagons appear a few minutes after the first polls.',
    });
  });

  it('polls that never succeeded: says the last attempt failed, when, why, that it retries, and offers the demo', () => {
    const offline = {
      ...velib,
      firstDay: null,
      lastDay: null,
      lastPoll: null,
      lastAttempt: { at: '2025-06-03T10:00:05Z', status: 'failed' as const, error: 'cannot reach velib-metropole-opendata.smovengo.cloud (no network?)' },
    };
    expect(explorerNotice(input({ system: offline, date: null }))).toEqual({
      kind: 'error',
      message:
        'No data collected for Vélib yet: the last attempt (Tue 3 Jun 2025, 12:00) failed: cannot reach velib-metropole-opendata.smovengo.cloud (no network?); retrying every 1 min.',
      hint: 'No internet, or just trying the app? `npm run demo` serves it on simulated data, offline.',
    });
    expect(explorerNotice(input({ system: { ...offline, pollIntervalSeconds: 0 }, date: null }))?.message).toMatch(/; retried at the next call of the cron route\.$/);
  });

  it('a week whose weekday filter keeps no day with data says so and offers the nearest week whose kept days have data', () => {
    // Data on Sat 2025-06-07 to Mon 2025-06-09 only; the week of Mon 2–Sun 8 June, Mon–Fri kept.
    const range = { firstDay: '2025-06-07', lastDay: '2025-06-09' };
    const week = { start: '2025-06-02', end: '2025-06-08' };
    const empty = { ...answer([]), date: null, period: { ...week, days: 5, daysWithData: 0, weekdays: [1, 2, 3, 4, 5] }, dataRange: range };
    const url = '/api/hotspots?system=velib&start=2025-06-02&end=2025-06-08&weekdays=1,2,3,4,5';
    const changes: unknown[] = [];
    const notice = explorerNotice(
      input({
        date: '2025-06-07',
        periodChoice: { period: week, weekdays: [1, 2, 3, 4, 5], base: null },
        hotspots: { data: empty, dataUrl: url, url, loading: false, error: null, retry: () => undefined },
        change: (patch) => changes.push(patch),
      }),
    );
    expect(notice).toMatchObject({ kind: 'empty', message: expect.stringMatching(/^The days kept \(Weekdays \(Mon–Fri\)\) leave no day with data in .*: its data is on other days of the week/) });
    expect(notice?.kind === 'empty' && notice.action?.label).toMatch(/^Show Weekdays \(Mon–Fri\) of /);
    if (notice?.kind === 'empty') notice.action?.run();
    expect(changes).toEqual([{ period: { start: '2025-06-09', end: '2025-06-15' }, date: '2025-06-09', base: null }]);
  });

  it('a comparison whose base period holds no data says so, since when data exists, and offers the comparison that is possible', () => {
    const withBase = { ...answer([{ h3: '8a1fb4663cb7fff', lat: 48.86, lon: 2.35, weight: 1, value: 0.5, rank: 1, stations: 1, coverage: 1, baseValue: null, delta: null, deltaWeight: null }]), base: { start: '2025-05-31', end: '2025-05-31', days: 1, daysWithData: 0, weekdays: [1, 2, 3, 4, 5, 6, 7] } };
    const changes: unknown[] = [];
    const notice = explorerNotice(
      input({
        date: '2025-06-01',
        periodChoice: { period: null, weekdays: null, base: { start: '2025-05-31', end: '2025-05-31' } },
        hotspots: { data: withBase, dataUrl: HOTSPOTS_URL, url: HOTSPOTS_URL, loading: false, error: null, retry: () => undefined },
        change: (patch) => changes.push(patch),
      }),
    );
    expect(notice).toMatchObject({ kind: 'empty', message: expect.stringContaining('holds no data (data since Sun 1 Jun 2025)') });
    if (notice?.kind === 'empty') notice.action?.run();
    expect(changes).toEqual([{ period: null, date: '2025-06-02', base: { start: '2025-06-01', end: '2025-06-01' } }]);
  });
});
