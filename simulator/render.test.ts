import { describe, expect, it } from 'vitest';
import { buildCity } from './city';
import { rfc3339 } from './localTime';
import { RENDERERS } from './render';
import type { RenderContext } from './render/types';
import { renderFeed } from './syntheticSource';
import type { FeedName, FeedVariant } from './types';

const city = buildCity(5, 300);
const T = Date.parse('2025-10-14T09:12:00Z') / 1000;
const ctx: RenderContext = {
  t: T,
  baseUrl: 'http://127.0.0.1:9999',
  system: { systemId: 'velib-sim', name: 'Vélib (simulated)', timezone: 'Europe/Paris' },
};
type Json = Record<string, unknown> & { data: Record<string, unknown> };
type Row = Record<string, unknown>;
const doc = (variant: FeedVariant, feed: FeedName): Json => JSON.parse(renderFeed(city, RENDERERS[variant], feed, ctx));
const stationsOf = (variant: FeedVariant, feed: FeedName) => doc(variant, feed).data.stations as Row[];

describe('velib dialect', () => {
  it('has the Smoove envelope: lastUpdatedOther, ttl, no version, no last_updated', () => {
    for (const feed of ['gbfs', 'system_information', 'station_information', 'station_status'] as const) {
      const d = doc('velib', feed);
      expect(Object.keys(d)).toEqual(['lastUpdatedOther', 'ttl', 'data']);
      expect(d.lastUpdatedOther).toBe(T);
    }
    expect(doc('velib', 'system_information').data).toMatchObject({ timezone: 'Europe/Paris', language: 'en' });
    expect(RENDERERS.velib.vehicleTypes(ctx)).toBeNull();
  });

  it('lists absolute feed URLs under data.en.feeds', () => {
    const feeds = (doc('velib', 'gbfs').data.en as { feeds: { name: string; url: string }[] }).feeds;
    expect(feeds.map((f) => f.name)).toEqual(['gbfs', 'system_information', 'station_information', 'station_status']);
    expect(feeds.every((f) => f.url === `${ctx.baseUrl}/${f.name}.json`)).toBe(true);
  });

  it('carries the Vélib quirks in station_status', () => {
    const stations = stationsOf('velib', 'station_status');
    expect(stations).toHaveLength(300);
    const first = stations[0];
    expect(Object.keys(first)).toEqual([
      'station_id', 'num_bikes_available', 'numBikesAvailable', 'num_bikes_available_types',
      'num_docks_available', 'numDocksAvailable', 'is_installed', 'is_returning', 'is_renting',
      'last_reported', 'stationCode', 'station_opening_hours',
    ]);
    for (const s of stations) {
      expect(Number.isInteger(s.station_id)).toBe(true);
      expect(typeof s.stationCode).toBe('string');
      expect([0, 1]).toContain(s.is_installed);
      expect(s.numBikesAvailable).toBe(s.num_bikes_available);
      const [mechanical, ebike] = s.num_bikes_available_types as [{ mechanical: number }, { ebike: number }];
      expect(mechanical.mechanical + ebike.ebike).toBe(s.num_bikes_available);
    }
    expect(stations.some((s) => s.is_installed === 0)).toBe(true);
  });

  it('has station_information with rental_methods on some stations only', () => {
    const stations = stationsOf('velib', 'station_information');
    expect(stations[0]).toMatchObject({ station_opening_hours: null });
    expect(Object.keys(stations[0]).slice(0, 6)).toEqual(['station_id', 'stationCode', 'name', 'lat', 'lon', 'capacity']);
    const withMethods = stations.filter((s) => 'rental_methods' in s).length;
    expect(withMethods).toBeGreaterThan(0);
    expect(withMethods).toBeLessThan(300);
    expect(stations.some((s) => s.capacity === 0)).toBe(true);
  });
});

describe('v2 dialect', () => {
  it('is GBFS 2.3 with string ids, booleans and vehicle types', () => {
    const status = doc('v2', 'station_status');
    expect(status).toMatchObject({ last_updated: T, ttl: 60, version: '2.3' });
    const s = (status.data.stations as Row[])[0];
    expect(typeof s.station_id).toBe('string');
    expect(typeof s.is_renting).toBe('boolean');
    const types = s.vehicle_types_available as { vehicle_type_id: string; count: number }[];
    expect(types.map((v) => v.vehicle_type_id)).toEqual(['mech', 'ebike']);
    expect(types[0].count + types[1].count).toBe(s.num_bikes_available);
    const vehicleTypes = doc('v2', 'vehicle_types').data.vehicle_types as Row[];
    expect(vehicleTypes.map((v) => [v.form_factor, v.propulsion_type])).toEqual([
      ['bicycle', 'human'],
      ['bicycle', 'electric_assist'],
    ]);
    const feeds = (doc('v2', 'gbfs').data.en as { feeds: { name: string }[] }).feeds.map((f) => f.name);
    expect(feeds).toContain('vehicle_types');
    expect(stationsOf('v2', 'station_information')[0]).toHaveProperty('short_name');
  });
});

describe('v3 dialect', () => {
  it('is GBFS 3.0 with RFC 3339 times, data.feeds and localised names', () => {
    const gbfs = doc('v3', 'gbfs');
    expect(gbfs).toMatchObject({ version: '3.0', last_updated: '2025-10-14T11:12:00+02:00' });
    expect((gbfs.data.feeds as { name: string }[]).map((f) => f.name)).toContain('vehicle_types');
    expect(gbfs.data).not.toHaveProperty('en');
    const status = stationsOf('v3', 'station_status');
    for (const s of status) {
      expect(typeof s.last_reported).toBe('string');
      expect(Date.parse(s.last_reported as string) / 1000).toBeLessThanOrEqual(T);
      expect(s).toHaveProperty('num_vehicles_available');
      expect(s).toHaveProperty('num_docks_available');
      expect(s).toHaveProperty('vehicle_types_available');
    }
    const info = stationsOf('v3', 'station_information')[0];
    expect(info.name).toEqual([{ text: city.stations[0].name, language: 'fr' }]);
    expect(doc('v3', 'system_information').data).toMatchObject({ languages: ['fr'], timezone: 'Europe/Paris' });
  });

  it('formats offsets across DST and in UTC', () => {
    expect(rfc3339(Date.parse('2025-01-15T12:00:00Z') / 1000, 'Europe/Paris')).toBe('2025-01-15T13:00:00+01:00');
    expect(rfc3339(Date.parse('2025-07-15T12:00:00Z') / 1000, 'America/Los_Angeles')).toBe('2025-07-15T05:00:00-07:00');
    expect(rfc3339(0, 'UTC')).toBe('1970-01-01T00:00:00Z');
  });
});

describe('all dialects', () => {
  it('describe the same city at the same time', () => {
    const velib = stationsOf('velib', 'station_status');
    const v2 = stationsOf('v2', 'station_status');
    const v3 = stationsOf('v3', 'station_status');
    velib.forEach((s, i) => {
      expect(v2[i].station_id).toBe(String(s.station_id));
      expect(v2[i].num_bikes_available).toBe(s.num_bikes_available);
      expect(v3[i].num_vehicles_available).toBe(s.num_bikes_available);
    });
  });
});
