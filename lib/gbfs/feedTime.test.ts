import { describe, expect, it } from 'vitest';
import { statusFeedTime } from './feedTime';
import type { ParsedStatusFeed, StationStatus } from './types';

const status = (stationId: string, lastReported: number | null): StationStatus => ({
  stationId,
  bikes: 1,
  docks: 1,
  ebikes: null,
  mechanical: null,
  isInstalled: true,
  isRenting: true,
  isReturning: true,
  lastReported,
});

const feed = (lastUpdated: number | null, items: StationStatus[]): ParsedStatusFeed => ({
  version: null,
  lastUpdated,
  ttl: null,
  items,
  skipped: {},
  clampedLastReported: 0,
});

describe('statusFeedTime', () => {
  const fetchedAt = 1_700_000_500;

  it("uses the feed's own time first", () => {
    expect(statusFeedTime(feed(1_700_000_000, [status('a', 1_700_000_100)]), fetchedAt)).toBe(1_700_000_000);
  });

  it('else the newest station report', () => {
    const items = [status('a', 1_699_999_000), status('b', null), status('c', 1_700_000_100), status('d', 1_699_000_000)];
    expect(statusFeedTime(feed(null, items), fetchedAt)).toBe(1_700_000_100);
  });

  it('else the download time', () => {
    expect(statusFeedTime(feed(null, [status('a', null)]), fetchedAt)).toBe(fetchedAt);
    expect(statusFeedTime(feed(null, []), fetchedAt)).toBe(fetchedAt);
  });

  it('replaces a feed time from the future by the download time, so later polls are not all stale', () => {
    expect(statusFeedTime(feed(fetchedAt + 301, []), fetchedAt)).toBe(fetchedAt);
    expect(statusFeedTime(feed(fetchedAt + 300, []), fetchedAt)).toBe(fetchedAt + 300);
    expect(statusFeedTime(feed(4_102_444_800, []), fetchedAt)).toBe(fetchedAt);
  });
});
