import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/fixtures/gbfs/readFixture';
import { parseStationStatus } from './stationStatus';
import { parseVehicleTypes } from './vehicleTypes';
import { GbfsFormatError, type StationStatus } from './types';

const FETCHED_AT = 1_800_000_000;
const byId = (items: StationStatus[]) => new Map(items.map((s) => [s.stationId, s]));

describe('parseStationStatus: Velib', () => {
  const feed = parseStationStatus(fixture('velib-station_status.json'), { fetchedAt: FETCHED_AT });

  it('reads the list of one-key type objects, camelCase fallbacks and 1/0 flags', () => {
    expect(feed).toMatchObject({ version: null, lastUpdated: 1760778556, ttl: 3600, skipped: {}, clampedLastReported: 0 });
    expect(feed.items).toEqual([
      {
        stationId: '213688169',
        bikes: 5,
        docks: 30,
        ebikes: 4,
        mechanical: 1,
        isInstalled: true,
        isRenting: true,
        isReturning: true,
        lastReported: 1760776294,
      },
      {
        stationId: '20702946965',
        bikes: 2, // numBikesAvailable: the snake_case count is absent
        docks: 1,
        ebikes: 2,
        mechanical: 0,
        isInstalled: true,
        isRenting: true,
        isReturning: true,
        lastReported: 1760778500,
      },
      {
        stationId: '653222953',
        bikes: 9,
        docks: 6,
        ebikes: 2,
        mechanical: 7,
        isInstalled: false,
        isRenting: false,
        isReturning: false,
        lastReported: 1558078109, // years old but after 2000: kept
      },
    ]);
  });
});

describe('parseStationStatus: GBFS 1.x (Lyft/PBSC)', () => {
  const feed = parseStationStatus(fixture('v1-lyft-station_status.json'), { fetchedAt: FETCHED_AT });
  const stations = byId(feed.items);

  it('derives mechanical bikes from num_ebikes_available, never below 0', () => {
    expect(stations.get('1955905507044284968')).toMatchObject({ bikes: 16, docks: 10, ebikes: 5, mechanical: 11 });
    expect(stations.get('skewed-clock')).toMatchObject({ bikes: 3, ebikes: 4, mechanical: 0 });
    expect(stations.get('placeholder-1970b')).toMatchObject({ bikes: 1, ebikes: null, mechanical: null });
  });

  it('ignores station_status "out_of_service" and defaults missing flags to true', () => {
    expect(stations.get('003d58af-e449-4800-aa6d-eb1bba8ad68d')).toMatchObject({
      isInstalled: true,
      isRenting: false,
      isReturning: false,
    });
    expect(stations.get('skewed-clock')).toMatchObject({ isInstalled: true, isRenting: true, isReturning: true });
  });

  it('defaults missing docks to 0', () => {
    expect(stations.get('no-docks-field')).toMatchObject({ bikes: 4, docks: 0, lastReported: 1689721600 });
  });

  it('clamps last_reported: pre-2000 placeholders to null, far-future values to last_updated + 300', () => {
    expect(stations.get('placeholder-1970')?.lastReported).toBeNull();
    expect(stations.get('placeholder-1970b')?.lastReported).toBeNull();
    expect(stations.get('skewed-clock')?.lastReported).toBe(1689721625 + 300);
    expect(stations.get('just-after')?.lastReported).toBe(1689721629);
    expect(feed.clampedLastReported).toBe(3);
  });

  it('skips bad records by reason and keeps the first of duplicated ids', () => {
    expect(feed.items.map((s) => s.stationId)).toEqual([
      '1955905507044284968',
      '003d58af-e449-4800-aa6d-eb1bba8ad68d',
      'placeholder-1970',
      'placeholder-1970b',
      'skewed-clock',
      'just-after',
      'no-docks-field',
    ]);
    expect(stations.get('1955905507044284968')?.bikes).toBe(16);
    expect(feed.skipped).toEqual({
      negative_count: 1,
      absurd_count: 1, // num_ebikes_available 65535
      invalid_record: 2, // no bike count, is_installed "maybe"
      duplicate_id: 1,
    });
  });
});

describe('parseStationStatus: GBFS 2.x vehicle_types_available', () => {
  const json = fixture('v2-station_status.json');
  const vehicleKinds = parseVehicleTypes(fixture('v2-vehicle_types.json'));

  it('splits bikes through vehicle_types.json, ignoring scooters', () => {
    const stations = byId(parseStationStatus(json, { fetchedAt: FETCHED_AT, vehicleKinds }).items);
    expect(stations.get('1955905507044284968')).toMatchObject({ bikes: 3, ebikes: 1, mechanical: 2, isReturning: false });
    expect(stations.get('with-scooters')).toMatchObject({ bikes: 4, ebikes: 2, mechanical: 1 });
    expect(stations.get('5288')).toMatchObject({ bikes: 5, ebikes: 0, mechanical: 5, lastReported: 1738144064 });
  });

  it('gives no breakdown for unknown type ids or without vehicle_types, unless num_ebikes_available exists', () => {
    const withKinds = byId(parseStationStatus(json, { fetchedAt: FETCHED_AT, vehicleKinds }).items);
    expect(withKinds.get('unknown-type')).toMatchObject({ ebikes: null, mechanical: null, isInstalled: false });
    const withoutKinds = byId(parseStationStatus(json, { fetchedAt: FETCHED_AT }).items);
    expect(withoutKinds.get('1955905507044284968')).toMatchObject({ ebikes: 1, mechanical: 2 });
    expect(withoutKinds.get('with-scooters')).toMatchObject({ ebikes: null, mechanical: null });
  });

  it('does not clamp a report 4 s after last_updated (Rouen)', () => {
    expect(parseStationStatus(json, { fetchedAt: FETCHED_AT }).clampedLastReported).toBe(0);
  });
});

describe('parseStationStatus: GBFS 3.x', () => {
  const feed = parseStationStatus(fixture('v3-station_status.json'), { fetchedAt: FETCHED_AT });
  const lastUpdated = Date.parse('2026-07-31T06:15:00Z') / 1000;

  it('reads RFC 3339 times, num_vehicles_available and missing docks', () => {
    expect(feed.version).toBe('3.0');
    expect(feed.lastUpdated).toBe(lastUpdated);
    expect(feed.items).toEqual([
      {
        stationId: 'gent-dampoort',
        bikes: 2,
        docks: 0,
        ebikes: null,
        mechanical: null,
        isInstalled: true,
        isRenting: true,
        isReturning: true,
        lastReported: Date.parse('2026-07-31T06:10:00Z') / 1000,
      },
      {
        stationId: 'leuven-station',
        bikes: 1,
        docks: 3,
        ebikes: null,
        mechanical: null,
        isInstalled: true,
        isRenting: true,
        isReturning: true,
        lastReported: lastUpdated + 300, // reported 06:30Z in a file of 06:15Z
      },
      {
        stationId: 'brugge',
        bikes: 0,
        docks: 0,
        ebikes: null,
        mechanical: null,
        isInstalled: true,
        isRenting: false,
        isReturning: true,
        lastReported: null, // unreadable: dropped, not counted as clamped
      },
    ]);
    expect(feed.clampedLastReported).toBe(1);
  });
});

describe('parseStationStatus: reference time', () => {
  it('clamps against fetchedAt when the file has no time of its own', () => {
    const json = { data: { stations: [{ station_id: 'a', num_bikes_available: 1, last_reported: FETCHED_AT + 301 }] } };
    const feed = parseStationStatus(json, { fetchedAt: FETCHED_AT });
    expect(feed.lastUpdated).toBeNull();
    expect(feed.items[0].lastReported).toBe(FETCHED_AT + 300);
    expect(feed.clampedLastReported).toBe(1);
  });

  it('fails the whole file when its shape is wrong', () => {
    expect(() => parseStationStatus(null, { fetchedAt: FETCHED_AT })).toThrow(GbfsFormatError);
    expect(() => parseStationStatus({ data: { stations: 'none' } }, { fetchedAt: FETCHED_AT })).toThrow(
      'station_status: data.stations must be an array, got a string',
    );
  });
});
