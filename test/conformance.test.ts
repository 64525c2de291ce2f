/**
 * Conformance of the GBFS parsers on real recorded feeds (GBFS_SAMPLES_DIR, see its SOURCES.md).
 * Every expected number below was counted from the files themselves, independently of these parsers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GbfsFormatError,
  parseDiscovery,
  parseJsonText,
  parseStationInformation,
  parseStationStatus,
  parseSystemInformation,
  parseVehicleTypes,
  statusFeedTime,
  type SkipCounts,
  type VehicleKinds,
} from '@/lib/gbfs';

const samplesDir = process.env.GBFS_SAMPLES_DIR ?? '';
const NOT_RUN = 'GBFS_SAMPLES_DIR not set: conformance not run';

/** Every recorded file carries its own time, so the download time never becomes the clamp reference. */
const FETCHED_AT = 2_000_000_000;

function readFeed(relativePath: string, feed: string): unknown {
  return parseJsonText(readFileSync(path.join(samplesDir, relativePath), 'utf8'), feed);
}

/** Folders (relative to the samples directory) holding a file of this name; schemas are not feeds. */
/** Long recorded series, checked snapshot by snapshot against their own manifest (below). */
const SERIES = 'oslo-bysykkel-weeks';

function foldersWith(fileName: string): string[] {
  return readdirSync(samplesDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === fileName && !file.startsWith(`schemas${path.sep}`) && !file.startsWith(`${SERIES}${path.sep}`))
    .map((file) => path.dirname(file).split(path.sep).join('/'))
    .sort();
}

function vehicleKindsIn(folder: string): VehicleKinds | undefined {
  const file = `${folder}/vehicle_types.json`;
  return existsSync(path.join(samplesDir, file)) ? parseVehicleTypes(readFeed(file, 'vehicle_types')) : undefined;
}

function information(folder: string) {
  return parseStationInformation(readFeed(`${folder}/station_information.json`, 'station_information'));
}

function status(folder: string) {
  const json = readFeed(`${folder}/station_status.json`, 'station_status');
  return parseStationStatus(json, { fetchedAt: FETCHED_AT, vehicleKinds: vehicleKindsIn(folder) });
}

const INFORMATION_EXPECTED: Record<string, { stations: number; skipped: SkipCounts }> = {
  'baywheels/2022-08-07T22-09-39Z': { stations: 496, skipped: {} },
  'baywheels/2023-07-18T07-11-25Z': { stations: 517, skipped: {} },
  'bern-sharedmobility/2026-05-10': { stations: 1634, skipped: {} },
  'bixi/2019-04-17': { stations: 611, skipped: { bad_coordinates: 1 } },
  'bixi/2025-02-01': { stations: 205, skipped: {} },
  'capital-bikeshare/2021-06-09': { stations: 628, skipped: {} },
  'capital-bikeshare/2022-07-18': { stations: 682, skipped: {} },
  'citibike/2019-07-05': { stations: 845, skipped: {} },
  'divvy/2025-01-29': { stations: 1811, skipped: {} },
  'ecobici-cdmx/2024-04-10T00-16-33Z': { stations: 665, skipped: { bad_coordinates: 2 } },
  'ecobici-cdmx/2024-04-10T23-05-13Z': { stations: 665, skipped: { bad_coordinates: 2 } },
  'edinburgh-justeat/2021-07-08': { stations: 86, skipped: {} },
  'oslo-bysykkel/2020-02-27_entur': { stations: 247, skipped: {} },
  'rouen-lovelo/2025-02-28': { stations: 122, skipped: {} },
  'velib/2022-02-25': { stations: 1439, skipped: {} },
  'velib/2022-05-26': { stations: 1438, skipped: {} },
  'velib/2023-12-05': { stations: 1468, skipped: {} },
  'velib/2024-11-19': { stations: 1485, skipped: {} },
  'velib/2025-10-18': { stations: 1495, skipped: {} },
  'wien-nextbike/2025-11-18': { stations: 261, skipped: {} },
};
const STATUS_EXPECTED: Record<string, { stations: number; skipped: SkipCounts; clamped: number }> = {
  'baywheels/2022-08-07T22-09-39Z': { stations: 496, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T07-11-25Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T08-07-43Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T09-11-29Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T10-07-23Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T11-11-03Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T12-08-54Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T13-10-35Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T14-11-19Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T14-23-17Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T14-32-34Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T14-41-01Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T14-49-35Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T14-58-03Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T15-11-33Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T15-23-01Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T15-31-47Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T15-40-15Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T15-48-50Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T15-57-26Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T16-08-23Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T17-03-37Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T18-04-14Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T19-07-02Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T20-03-29Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T21-04-04Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T22-11-28Z': { stations: 517, skipped: {}, clamped: 0 },
  'baywheels/2023-07-18T23-07-17Z': { stations: 518, skipped: {}, clamped: 1 },
  'baywheels/2023-07-19T00-21-24Z': { stations: 518, skipped: {}, clamped: 1 },
  'baywheels/2023-07-19T01-28-24Z': { stations: 518, skipped: {}, clamped: 1 },
  'baywheels/2023-07-19T02-30-20Z': { stations: 518, skipped: {}, clamped: 1 },
  'baywheels/2023-07-19T03-23-49Z': { stations: 518, skipped: {}, clamped: 1 },
  'baywheels/2023-07-19T04-05-39Z': { stations: 518, skipped: {}, clamped: 1 },
  'baywheels/2023-07-19T05-11-13Z': { stations: 518, skipped: {}, clamped: 1 },
  'baywheels/2023-07-19T06-08-06Z': { stations: 518, skipped: {}, clamped: 1 },
  'bixi/2025-02-01': { stations: 205, skipped: {}, clamped: 0 },
  'citibike/2019-07-05': { stations: 845, skipped: {}, clamped: 15 },
  'divvy/2025-01-29': { stations: 1811, skipped: {}, clamped: 0 },
  'ecobici-cdmx/2024-04-10T00-16-33Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T01-25-29Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T02-11-03Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T03-04-36Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T04-04-56Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T05-04-40Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T06-05-47Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T07-05-24Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T08-05-23Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T09-05-47Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T10-04-47Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T11-04-58Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T12-06-23Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T13-04-38Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T14-04-37Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T15-04-45Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T16-05-40Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T17-04-46Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T18-05-50Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T19-04-43Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T20-04-46Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T21-04-22Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T22-05-13Z': { stations: 667, skipped: {}, clamped: 2 },
  'ecobici-cdmx/2024-04-10T23-05-13Z': { stations: 667, skipped: {}, clamped: 2 },
  'oslo-bysykkel/2023-05-15T22-04-18Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-15T22-24-55Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-15T22-43-26Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-15T23-04-28Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-15T23-23-31Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-15T23-43-16Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T00-16-39Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T00-36-12Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T01-03-55Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T01-49-30Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T02-18-57Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T02-35-46Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T02-46-19Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T03-05-09Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T03-24-29Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T03-43-25Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T04-04-58Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T04-26-27Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T04-43-31Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T05-04-36Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T05-24-59Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T05-43-22Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T06-04-53Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T06-26-45Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T06-43-22Z': { stations: 262, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T07-04-29Z': { stations: 263, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T07-23-34Z': { stations: 263, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T07-43-21Z': { stations: 263, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T08-04-56Z': { stations: 263, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T08-26-27Z': { stations: 263, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T08-43-20Z': { stations: 263, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T09-04-39Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T09-23-37Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T09-43-32Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T10-04-45Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T10-26-18Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T10-43-17Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T11-04-26Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T11-23-23Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T11-43-34Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T12-05-57Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T12-32-09Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T12-49-40Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T13-06-26Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T13-25-33Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T13-43-20Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T14-04-22Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T14-25-16Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T14-43-28Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T15-04-43Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T15-24-36Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T15-43-27Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T16-04-50Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T16-27-49Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T16-43-20Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T17-04-37Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T17-24-37Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T17-43-18Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T18-04-46Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T18-26-22Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T18-43-25Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T19-04-24Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T19-23-30Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T19-43-22Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T20-04-43Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T20-24-05Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T20-43-32Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T21-04-28Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T21-23-23Z': { stations: 264, skipped: {}, clamped: 0 },
  'oslo-bysykkel/2023-05-16T21-43-32Z': { stations: 264, skipped: {}, clamped: 0 },
  'rouen-lovelo/2025-02-28': { stations: 122, skipped: {}, clamped: 0 },
  'velib/2022-02-25': { stations: 1439, skipped: {}, clamped: 0 },
  'velib/2024-11-19': { stations: 1485, skipped: {}, clamped: 0 },
  'velib/2025-10-18': { stations: 1495, skipped: {}, clamped: 0 },
};

if (!samplesDir) {
  it.skip(NOT_RUN, () => {});
}

describe.skipIf(!samplesDir)('GBFS conformance on recorded feeds', () => {
  it('finds exactly the recorded station files listed here', () => {
    expect(foldersWith('station_information.json')).toEqual(Object.keys(INFORMATION_EXPECTED).sort());
    expect(foldersWith('station_status.json')).toEqual(Object.keys(STATUS_EXPECTED).sort());
  });

  it.each(Object.entries(INFORMATION_EXPECTED))('station_information %s', (folder, expected) => {
    const feed = information(folder);
    expect({ stations: feed.items.length, skipped: feed.skipped }).toEqual(expected);
    expect(feed.lastUpdated).not.toBeNull();
  });

  it.each(Object.entries(STATUS_EXPECTED))('station_status %s', (folder, expected) => {
    const feed = status(folder);
    expect({ stations: feed.items.length, skipped: feed.skipped, clamped: feed.clampedLastReported }).toEqual(expected);
    expect(feed.lastUpdated).not.toBeNull();
  });

  it.skipIf(!existsSync(path.join(samplesDir, SERIES)))(`${SERIES}: every snapshot of the manifest parses whole, at its own feed time`, () => {
    const [header, ...lines] = readFileSync(path.join(samplesDir, SERIES, 'manifest.csv'), 'utf8').trim().split(/\r?\n/);
    expect(header).toBe('dir,commit,commit_time_utc,last_updated_utc,bytes,sha256,n_stations');
    expect(lines.length).toBeGreaterThan(1_700);
    expect(foldersWith('station_information.json')).not.toContain(`${SERIES}/info`);
    expect(information(`${SERIES}/info`)).toMatchObject({ skipped: {} });
    for (const line of lines) {
      const [dir, , , lastUpdated, , , stations] = line.split(',');
      const feed = status(`${SERIES}/${dir}`);
      expect({ dir, stations: feed.items.length, skipped: feed.skipped, feedTime: statusFeedTime(feed, FETCHED_AT) }).toEqual({
        dir,
        stations: Number(stations),
        skipped: {},
        feedTime: Date.parse(lastUpdated) / 1000,
      });
    }
  });

  describe('Velib (Smoove dialect)', () => {
    it('2025-10-18: integer ids become exact strings and every status matches a station', () => {
      const info = information('velib/2025-10-18');
      const feed = status('velib/2025-10-18');
      const infoIds = new Set(info.items.map((s) => s.stationId));
      expect(info.lastUpdated).toBe(1760778679); // from lastUpdatedOther
      expect(info.ttl).toBe(3600);
      expect(infoIds.has('20702946965')).toBe(true); // the largest id, above 2^32
      expect(feed.items.filter((s) => !infoIds.has(s.stationId))).toEqual([]);
      expect(statusFeedTime(feed, FETCHED_AT)).toBe(1760778556);
    });

    it('2025-10-18: station codes, capacity 0 kept', () => {
      const info = information('velib/2025-10-18');
      expect(info.items[0]).toEqual({
        stationId: '213688169',
        name: 'Benjamin Godard - Victor Hugo',
        code: '16107',
        lat: 48.865983,
        lon: 2.275725,
        capacity: 35,
      });
      expect(info.items.filter((s) => s.capacity === 0)).toHaveLength(16);
    });

    it('2025-10-18: e-bike / mechanical breakdown from num_bikes_available_types', () => {
      const feed = status('velib/2025-10-18');
      expect(feed.items[0]).toEqual({
        stationId: '213688169',
        bikes: 5,
        docks: 30,
        ebikes: 4,
        mechanical: 1,
        isInstalled: true,
        isRenting: true,
        isReturning: true,
        lastReported: 1760776294,
      });
      const sum = (pick: (s: (typeof feed.items)[number]) => number | null) =>
        feed.items.reduce((total, s) => total + (pick(s) ?? Number.NaN), 0);
      expect(sum((s) => s.bikes)).toBe(18067);
      expect(sum((s) => s.ebikes)).toBe(7015);
      expect(sum((s) => s.mechanical)).toBe(11052);
      expect(sum((s) => s.docks)).toBe(27893);
      expect(feed.items.filter((s) => !s.isInstalled)).toHaveLength(11);
    });

    it('2022-02-25: codes with relay suffixes survive', () => {
      const codes = information('velib/2022-02-25').items.map((s) => s.code ?? '');
      expect(codes.filter((code) => !/^\d+$/.test(code)).sort()).toEqual([
        '10114_relais',
        '11029_relais',
        '11102_relais',
        '13044_Relais',
        '13118_Relais',
        '31024_relais',
        '5026_Relais',
        '7101_Relais',
      ]);
    });

    it('gbfs.json and system_information.json', () => {
      expect(parseDiscovery(readFeed('velib/2022-02-25/gbfs.json', 'gbfs'))).toEqual({
        version: null,
        language: 'en',
        systemInformation: 'https://velib-metropole-opendata.smoove.pro/opendata/Velib_Metropole/system_information.json',
        stationInformation: 'https://velib-metropole-opendata.smoove.pro/opendata/Velib_Metropole/station_information.json',
        stationStatus: 'https://velib-metropole-opendata.smoove.pro/opendata/Velib_Metropole/station_status.json',
        vehicleTypes: null,
      });
      const system = parseSystemInformation(readFeed('velib/2022-02-25/system_information.json', 'system_information'));
      expect(system).toEqual({
        version: null,
        lastUpdated: 1645804741,
        ttl: 3600,
        info: { systemId: 'Paris', name: 'Paris', timezone: 'Europe/Paris', language: 'en' },
      });
    });
  });

  describe('Divvy (Lyft, GBFS 2.3)', () => {
    it('keeps 19-digit ids exact in both feeds', () => {
      const info = information('divvy/2025-01-29');
      const feed = status('divvy/2025-01-29');
      expect(info.items[0].stationId).toBe('1955905507044284968');
      expect(feed.items.find((s) => s.stationId === '1955905507044284968')).toMatchObject({ bikes: 3, docks: 12 });
      expect(info.items.filter((s) => /^\d{19}$/.test(s.stationId))).toHaveLength(1131);
      const infoIds = new Set(info.items.map((s) => s.stationId));
      expect(feed.items.filter((s) => !infoIds.has(s.stationId))).toEqual([]);
    });

    it('splits bikes through vehicle_types.json, leaving scooters out', () => {
      const kinds = parseVehicleTypes(readFeed('divvy/2025-01-29/vehicle_types.json', 'vehicle_types'));
      expect(Object.fromEntries(kinds)).toEqual({ '1': 'mechanical', '2': 'ebike', '3': 'other' });
      const feed = status('divvy/2025-01-29');
      expect(feed.items.reduce((n, s) => n + (s.ebikes ?? Number.NaN), 0)).toBe(1803);
      expect(feed.items.reduce((n, s) => n + (s.mechanical ?? Number.NaN), 0)).toBe(2242);
    });

    it('gbfs.json and system_information.json', () => {
      const urls = parseDiscovery(readFeed('divvy/2025-01-29/gbfs.json', 'gbfs'));
      expect(urls).toEqual({
        version: '2.3',
        language: 'en',
        systemInformation: 'https://gbfs.lyft.com/gbfs/2.3/chi/en/system_information.json',
        stationInformation: 'https://gbfs.lyft.com/gbfs/2.3/chi/en/station_information.json',
        stationStatus: 'https://gbfs.lyft.com/gbfs/2.3/chi/en/station_status.json',
        vehicleTypes: 'https://gbfs.lyft.com/gbfs/2.3/chi/en/vehicle_types.json',
      });
      expect(parseDiscovery(readFeed('divvy/2025-01-29/gbfs.json', 'gbfs'), 'fr').stationStatus).toBe(
        'https://gbfs.lyft.com/gbfs/2.3/chi/fr/station_status.json',
      );
      const system = parseSystemInformation(readFeed('divvy/2025-01-29/system_information.json', 'system_information'));
      expect(system.info).toEqual({ systemId: 'lyft_chi', name: 'Divvy', timezone: 'America/Chicago', language: 'en' });
    });
  });

  describe('placeholder times and coordinates', () => {
    it('Citi Bike: 15 last_reported of 18001 (1970) become null', () => {
      const feed = status('citibike/2019-07-05');
      expect(feed.clampedLastReported).toBe(15);
      expect(feed.items.filter((s) => s.lastReported === null)).toHaveLength(15);
      expect(feed.items.find((s) => s.stationId === '267')?.lastReported).toBeNull();
    });

    it('Ecobici: 2 last_reported of 86400 per poll, 2 stations at 0/0', () => {
      for (const folder of Object.keys(STATUS_EXPECTED).filter((f) => f.startsWith('ecobici-cdmx/'))) {
        expect(status(folder).clampedLastReported).toBe(2);
      }
      expect(information('ecobici-cdmx/2024-04-10T23-05-13Z').skipped).toEqual({ bad_coordinates: 2 });
      const ids = information('ecobici-cdmx/2024-04-10T23-05-13Z').items.map((s) => s.stationId);
      expect(ids).not.toContain('688');
      expect(ids).not.toContain('689');
    });

    it('Bay Wheels: a station added on 2023-07-18 reports 86400 until its first real report', () => {
      const feed = status('baywheels/2023-07-18T23-07-17Z');
      expect(feed.items.find((s) => s.stationId === '1835733187981824398')).toMatchObject({
        lastReported: null,
        isInstalled: false,
      });
    });

    it('BIXI 2019: the "Demo_BIXI" station at 0/0 is skipped', () => {
      const info = information('bixi/2019-04-17');
      expect(info.skipped).toEqual({ bad_coordinates: 1 });
      expect(info.items.map((s) => s.stationId)).not.toContain('615');
    });

    it('Rouen: last_reported 4 s after last_updated is not clamped', () => {
      const feed = status('rouen-lovelo/2025-02-28');
      expect(feed.clampedLastReported).toBe(0);
      expect(feed.items.every((s) => s.lastReported === (feed.lastUpdated ?? 0) + 4)).toBe(true);
    });
  });

  it('Wien nextbike: 63 stations without capacity get null', () => {
    expect(information('wien-nextbike/2025-11-18').items.filter((s) => s.capacity === null)).toHaveLength(63);
  });

  it('system_information of Bay Wheels and BIXI', () => {
    const zone = (folder: string) =>
      parseSystemInformation(readFeed(`${folder}/system_information.json`, 'system_information')).info.timezone;
    expect(zone('baywheels/2022-08-07T22-09-39Z')).toBe('America/Los_Angeles');
    expect(zone('baywheels/2023-07-18T07-11-25Z')).toBe('America/Los_Angeles');
    expect(zone('bixi/2025-02-01')).toBe('America/Montreal');
  });

  it('Dégage gbfs.json (v3.0): feeds under data, RFC 3339 time', () => {
    expect(parseDiscovery(readFeed('degage-v3/2026-07-31/gbfs.json', 'gbfs'))).toEqual({
      version: '3.0',
      language: null,
      systemInformation: 'https://degagemain.github.io/degage-deelautokaart-gbfs/gbfs/system_information.json',
      stationInformation: 'https://degagemain.github.io/degage-deelautokaart-gbfs/gbfs/station_information.json',
      stationStatus: 'https://degagemain.github.io/degage-deelautokaart-gbfs/gbfs/station_status.json',
      vehicleTypes: 'https://degagemain.github.io/degage-deelautokaart-gbfs/gbfs/vehicle_types.json',
    });
  });

  it('the truncated Capital Bikeshare download is a clean GbfsFormatError', () => {
    const text = readFileSync(
      path.join(samplesDir, 'capital-bikeshare/2023-06-01/station_information.truncated.json'),
      'utf8',
    );
    // 292,815 bytes on disk, one of them a two-byte UTF-8 character.
    expect(text).toHaveLength(292814);
    expect(() => parseJsonText(text, 'station_information')).toThrow(GbfsFormatError);
    expect(() => parseJsonText(text, 'station_information')).toThrow(
      /^station_information: invalid JSON at line 1, column 292815 \(offset 292814\) \(document ends after 292814 characters: truncated\?\)/,
    );
  });
});
