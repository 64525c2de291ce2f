import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './snapshot';
import type { ParsedStatusFeed, StationInfo } from './types';

const info = (stationId: string, name: string): StationInfo => ({ stationId, name, code: `c\u0000${stationId}`, lat: 48.85, lon: 2.35, capacity: 10 });
const status = (lastUpdated: number | null, ids: string[]): ParsedStatusFeed => ({
  version: null,
  lastUpdated,
  ttl: 60,
  skipped: { negative_count: 1 },
  clampedLastReported: 2,
  items: ids.map((stationId) => ({ stationId, bikes: 1, docks: 2, ebikes: null, mechanical: null, isInstalled: true, isRenting: true, isReturning: true, lastReported: null })),
});

describe('buildSnapshot', () => {
  const snapshot = buildSnapshot({
    system: { systemId: 's', name: 'S', timezone: 'Europe/Paris', language: null },
    information: { version: '2.3', lastUpdated: 1, ttl: 0, skipped: { bad_coordinates: 2 }, items: [info('a', 'Gare\u0000 de Lyon\n'), info('b', 'B')] },
    status: status(1_700_000_000, ['a', 'b', 'ghost']),
    fetchedAt: 1_700_000_030,
  });

  it('joins statuses to known stations and counts the others as unknown_station', () => {
    expect(snapshot.statuses.map((s) => s.stationId)).toEqual(['a', 'b']);
    expect(snapshot.skipped).toEqual({ bad_coordinates: 2, negative_count: 1, unknown_station: 1 });
    expect(snapshot.clampedLastReported).toBe(2);
    expect(snapshot.feedTime).toBe(1_700_000_000);
  });

  it("keeps the ttl the status feed announces (not station_information's)", () => {
    expect(snapshot.ttl).toBe(60);
  });

  it('stores the H3 resolution-10 cell and names Postgres can hold', () => {
    expect(snapshot.stations[0]).toMatchObject({ name: 'Gare  de Lyon', code: 'c a', h3: '8a1fb466249ffff' });
  });
});
