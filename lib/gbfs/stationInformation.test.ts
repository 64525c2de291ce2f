import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/fixtures/gbfs/readFixture';
import { parseStationInformation, swappedCoordinates, usableCoordinates } from './stationInformation';
import { GbfsFormatError } from './types';

describe('parseStationInformation', () => {
  it('reads Velib: integer ids as decimal strings, stationCode as code, capacity 0 kept', () => {
    const feed = parseStationInformation(fixture('velib-station_information.json'));
    expect(feed).toMatchObject({ version: null, lastUpdated: 1760778679, ttl: 3600, skipped: {} });
    expect(feed.items).toEqual([
      { stationId: '213688169', name: 'Benjamin Godard - Victor Hugo', code: '16107', lat: 48.865983, lon: 2.275725, capacity: 35 },
      { stationId: '20702946965', name: 'Relais Porte de Montreuil', code: '31024_relais', lat: 48.853, lon: 2.41, capacity: 0 },
      { stationId: '653222953', name: 'Champ de Mars', code: '7101_Relais', lat: 48.8555, lon: 2.2985, capacity: 12 },
    ]);
  });

  it('keeps 19-digit ids exact, reads quoted coordinates and counts every skipped record by reason', () => {
    const feed = parseStationInformation(fixture('v1-lyft-station_information.json'));
    expect(feed.items).toEqual([
      { stationId: '1955905507044284968', name: 'Nordica Ave & Medill Ave', code: '21378', lat: 41.92227, lon: -87.80202, capacity: 15 },
      {
        stationId: '003d58af-e449-4800-aa6d-eb1bba8ad68d',
        name: 'SFSU University Park North - West',
        code: 'SF-Y7',
        lat: 37.726266,
        lon: -122.479462,
        capacity: 27,
      },
      // no name: the id stands in; empty short_name: no code; the later duplicate is dropped
      { stationId: '7', name: '7', code: null, lat: 45.51, lon: -73.55, capacity: 19 },
    ]);
    expect(feed.skipped).toEqual({
      bad_coordinates: 3, // 0/0, lat 91.2, lon "east"
      duplicate_id: 1,
      missing_id: 2, // absent, ""
      invalid_record: 2, // a string, a name that is an object
      negative_count: 1,
      absurd_count: 1,
    });
  });

  it('reads v2: a missing capacity is null, not 0 (Wien nextbike)', () => {
    const feed = parseStationInformation(fixture('v2-station_information.json'));
    expect(feed.version).toBe('2.3');
    expect(feed.items.map((s) => [s.stationId, s.capacity, s.code])).toEqual([
      ['68577704', 17, '32000'],
      ['68577705', null, '32001'],
      ['5288', 10, null],
    ]);
  });

  it('reads v3 localized names and codes, choosing a language when asked', () => {
    const feed = parseStationInformation(fixture('v3-station_information.json'));
    expect(feed.lastUpdated).toBe(Date.parse('2026-07-31T08:15:00Z') / 1000);
    expect(feed.items.map((s) => [s.name, s.code, s.capacity])).toEqual([
      ['Gent Dampoort', 'GDP', null],
      ['Leuven Station', null, 4],
    ]);
    const english = parseStationInformation(fixture('v3-station_information.json'), { language: 'en' });
    expect(english.items.map((s) => s.name)).toEqual(['Ghent Dampoort', 'Leuven Station']);
  });

  it('fails the whole file when its shape is wrong', () => {
    expect(() => parseStationInformation('stations')).toThrow(GbfsFormatError);
    expect(() => parseStationInformation({ data: { stations: {} } })).toThrow(
      'station_information: data.stations must be an array, got an object',
    );
    expect(() => parseStationInformation({ data: {} })).toThrow('data.stations must be an array, got nothing (missing)');
  });
});

describe('usableCoordinates', () => {
  it('accepts the edges of the valid range and rejects 0/0', () => {
    expect(usableCoordinates(-90, 180)).toEqual({ lat: -90, lon: 180 });
    expect(usableCoordinates(0, 10)).toEqual({ lat: 0, lon: 10 });
    expect(usableCoordinates(0, 0)).toBeNull();
    expect(usableCoordinates(45, -180.0001)).toBeNull();
    expect(usableCoordinates(Number.NaN, 2)).toBeNull();
    expect(usableCoordinates(undefined, 2)).toBeNull();
  });
});

describe('swappedCoordinates', () => {
  const paris = [
    { lat: 48.8566, lon: 2.3522 },
    { lat: 48.87, lon: 2.3 },
    { lat: 48.84, lon: 2.4 },
    { lat: 48.9, lon: 2.25 },
  ];

  it('finds a station with lat and lon exchanged, far away and home once swapped back', () => {
    expect([...swappedCoordinates([...paris, { lat: 2.35, lon: 48.86 }])]).toEqual([4]);
  });

  it('keeps a distant station that swapping would not bring home, and regional spreads', () => {
    // Marseille is 660 km away, but (5.37, 43.3) is in the Gulf of Guinea: not a swap.
    expect(swappedCoordinates([...paris, { lat: 43.3, lon: 5.37 }]).size).toBe(0);
    // A Swiss system from Geneva to St. Gallen.
    const swiss = [
      { lat: 46.2, lon: 6.14 },
      { lat: 46.95, lon: 7.45 },
      { lat: 47.37, lon: 8.54 },
      { lat: 47.42, lon: 9.37 },
    ];
    expect(swappedCoordinates(swiss).size).toBe(0);
  });

  it('needs at least three stations to know where the system is', () => {
    expect(swappedCoordinates([paris[0], { lat: 2.35, lon: 48.86 }]).size).toBe(0);
  });

  it('drops the swapped station from the feed and counts it as bad coordinates', () => {
    const stations = [...paris, { lat: 2.35, lon: 48.86 }].map((c, i) => ({ station_id: `s${i}`, name: `Station ${i}`, ...c }));
    const feed = parseStationInformation({ last_updated: 1, ttl: 0, data: { stations } });
    expect(feed.items.map((s) => s.stationId)).toEqual(['s0', 's1', 's2', 's3']);
    expect(feed.skipped).toEqual({ bad_coordinates: 1 });
  });
});
