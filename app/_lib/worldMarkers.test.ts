import { describe, expect, it } from 'vitest';
import type { SystemInfo } from './useSystems';
import { freshnessOf, markerRadius, systemMarkers, worldView } from './worldMarkers';

const NOW = Date.parse('2026-06-01T12:00:00Z');

function system(patch: Partial<SystemInfo>): SystemInfo {
  return {
    id: 'velib',
    name: 'Vélib',
    timezone: 'Europe/Paris',
    stations: 1500,
    firstDay: '2026-05-30',
    lastDay: '2026-06-01',
    lastPoll: '2026-06-01T11:59:00Z',
    lastPollAgeSeconds: 60,
    staleAfterSeconds: 900,
    center: { lat: 48.86, lon: 2.35 },
    bounds: [2.2, 48.8, 2.5, 48.95],
    simulated: false,
    lastAttempt: { at: '2026-06-01T11:59:00Z', status: 'ok', error: null },
    pollIntervalSeconds: 60,
    source: 'built-in',
    paused: false,
    ...patch,
  };
}

describe('the world view of the collected systems', () => {
  it('sizes a marker by its stations: four times the stations, twice the radius past its rim', () => {
    expect(markerRadius(3600) - 4).toBeCloseTo(2 * (markerRadius(900) - 4));
    expect(markerRadius(0)).toBeGreaterThan(0);
    expect(markerRadius(1_000_000)).toBeLessThanOrEqual(40);
  });

  it('colours a marker by how fresh its data is', () => {
    expect(freshnessOf(system({}), NOW)).toBe('fresh');
    expect(freshnessOf(system({ lastPoll: '2026-06-01T10:00:00Z' }), NOW)).toBe('stale');
    expect(freshnessOf(system({ lastAttempt: { at: '2026-06-01T11:59:30Z', status: 'failed', error: 'timeout' } }), NOW)).toBe('failing');
    expect(freshnessOf(system({ lastPoll: null, lastAttempt: null }), NOW)).toBe('waiting');
    expect(freshnessOf(system({ paused: true }), NOW)).toBe('paused');
  });

  it('leaves out a system with no place yet, and labels the others with their stations and freshness', () => {
    const markers = systemMarkers([system({}), system({ id: 'new', center: null, bounds: null, lastPoll: null })], NOW);
    expect(markers.map((m) => m.id)).toEqual(['velib']);
    expect(markers[0].position).toEqual([2.35, 48.86]);
    expect(markers[0].label).toBe('Vélib · 1,500 stations · updated 1 min ago');
  });

  it('frames every system from afar, and nothing when none has a place', () => {
    const size = { width: 1280, height: 800 };
    const padding = { top: 0, right: 0, bottom: 0, left: 0 };
    const oslo = system({ id: 'oslo', center: { lat: 59.91, lon: 10.75 }, bounds: [10.6, 59.85, 10.9, 59.97] });
    const view = worldView([system({}), oslo], size, padding);
    expect(view).not.toBeNull();
    expect(view!.zoom).toBeLessThanOrEqual(5);
    expect(view!.longitude).toBeGreaterThan(2.2);
    expect(view!.longitude).toBeLessThan(10.9);
    expect(worldView([system({ center: null, bounds: null })], size, padding)).toBeNull();
  });
});
