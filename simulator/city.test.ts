import { describe, expect, it } from 'vitest';
import { PARIS, buildCity } from './city';

const city = buildCity(1, 1500);

describe('buildCity', () => {
  it('is deterministic per seed', () => {
    expect(buildCity(1, 1500)).toEqual(city);
    expect(buildCity(2, 1500).stations[0]).not.toEqual(city.stations[0]);
  });

  it('builds the requested number of stations, around the centre, denser in the middle', () => {
    expect(city.stations).toHaveLength(1500);
    expect(buildCity(3, 7).stations).toHaveLength(7);
    expect(buildCity(3, 0).stations).toHaveLength(0);
    const within = (km: number) => city.stations.filter((s) => s.distanceKm <= km).length;
    expect(within(PARIS.radiusKm + 0.5)).toBe(1500);
    // Uniform density would put a quarter of the stations inside half the radius.
    expect(within(PARIS.radiusKm / 2) / 1500).toBeGreaterThan(0.3);
    for (const s of city.stations) {
      expect(Math.abs(s.lat - PARIS.lat)).toBeLessThan(0.1);
      expect(Math.abs(s.lon - PARIS.lon)).toBeLessThan(0.15);
    }
  });

  it('has capacities of 12-60 and kinds that follow the distance to the centre', () => {
    for (const s of city.stations) {
      expect(s.docks).toBeGreaterThanOrEqual(12);
      expect(s.docks).toBeLessThanOrEqual(60);
    }
    const meanDistance = (kind: string) => {
      const of = city.stations.filter((s) => s.kind === kind);
      return of.reduce((sum, s) => sum + s.distanceKm, 0) / of.length;
    };
    expect(meanDistance('residential')).toBeGreaterThan(meanDistance('centre') + 2);
    expect(city.stations.some((s) => s.kind === 'transit')).toBe(true);
    expect(city.stations.some((s) => s.kind === 'park')).toBe(true);
  });

  it('reproduces the real feed quirks on a few stations', () => {
    const count = (quirk: string) => city.stations.filter((s) => s.quirk === quirk).length;
    expect(count('zero_capacity')).toBeGreaterThanOrEqual(10);
    expect(count('over_capacity')).toBeGreaterThanOrEqual(7);
    expect(count('not_installed')).toBeGreaterThanOrEqual(8);
    expect(city.stations.filter((s) => s.capacity === 0)).toHaveLength(count('zero_capacity'));
    const withMethods = city.stations.filter((s) => s.hasRentalMethods).length / 1500;
    expect(withMethods).toBeGreaterThan(0.45);
    expect(withMethods).toBeLessThan(0.7);
  });

  it('uses unique integer ids beyond int32 and unique Vélib-style codes', () => {
    const ids = city.stations.map((s) => s.stationId);
    expect(new Set(ids).size).toBe(1500);
    expect(ids.every(Number.isSafeInteger)).toBe(true);
    expect(ids.filter((id) => id > 2 ** 31).length).toBeGreaterThan(1000);
    expect(Math.max(...ids)).toBeLessThan(2.2e10);
    const codes = city.stations.map((s) => s.stationCode);
    expect(new Set(codes).size).toBe(1500);
    expect(codes.filter((c) => c.endsWith('_relais')).length).toBeGreaterThan(0);
    expect(codes.every((c) => /^\d{4,5}(_relais)?$/.test(c))).toBe(true);
  });

  it('names only use Latin-1 characters, some of them accented', () => {
    const names = city.stations.map((s) => s.name);
    for (const name of names) expect(Buffer.from(name, 'latin1').toString('latin1')).toBe(name);
    expect(names.some((n) => /[éèàçÉ]/.test(n))).toBe(true);
  });
});
