/** When the poll side reads the catalog again: never tried, a day old, another URL; an hour after a failure. */
import { describe, expect, it } from 'vitest';
import { catalogRefreshDue, REFRESH_EVERY_MS, RETRY_AFTER_MS } from './refresh';
import type { CatalogReading } from './sql';

const URL_A = 'https://raw.githubusercontent.com/MobilityData/gbfs/master/systems.csv';
const now = Date.UTC(2026, 6, 21, 12);
const read = (ageMs: number, extra: Partial<CatalogReading> = {}): CatalogReading => ({
  sourceUrl: URL_A,
  readAt: now - ageMs,
  systems: 1520,
  skippedLines: 0,
  attemptedAt: now - ageMs,
  error: null,
  ...extra,
});

describe('the daily refresh of the catalog', () => {
  it('reads a catalog never read, at once', () => {
    expect(catalogRefreshDue(null, URL_A, now)).toBe(true);
  });

  it('reads it again once a day, not before', () => {
    expect(catalogRefreshDue(read(REFRESH_EVERY_MS - 60_000), URL_A, now)).toBe(false);
    expect(catalogRefreshDue(read(REFRESH_EVERY_MS), URL_A, now)).toBe(true);
  });

  it('reads it at once from a new GBFS_CATALOG_URL, even just after the old one failed', () => {
    expect(catalogRefreshDue(read(60_000), 'file:///srv/systems.csv', now)).toBe(true);
    expect(catalogRefreshDue(read(60_000, { error: 'cannot reach raw.githubusercontent.com (no network?)' }), 'file:///srv/systems.csv', now)).toBe(true);
  });

  it('after a failed attempt, waits an hour before the next, whether a copy is kept or not', () => {
    const failedJustNow = { attemptedAt: now - 60_000, error: 'cannot reach raw.githubusercontent.com (no network?)' };
    expect(catalogRefreshDue(read(2 * REFRESH_EVERY_MS, failedJustNow), URL_A, now)).toBe(false);
    expect(catalogRefreshDue(read(0, { ...failedJustNow, readAt: null }), URL_A, now)).toBe(false);
    expect(catalogRefreshDue(read(0, { ...failedJustNow, readAt: null, attemptedAt: now - RETRY_AFTER_MS }), URL_A, now)).toBe(true);
  });
});
