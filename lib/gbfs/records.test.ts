import { describe, expect, it } from 'vitest';
import { collectStations, judgeCounts, readStationId, skip } from './records';

describe('readStationId', () => {
  it('turns integers into exact decimal strings and keeps strings as they are', () => {
    expect(readStationId({ station_id: 20702946965 })).toEqual({ stationId: '20702946965' });
    expect(readStationId({ station_id: '1955905507044284968' })).toEqual({ stationId: '1955905507044284968' });
  });

  it('tells missing ids from unusable ones', () => {
    expect(readStationId({})).toEqual({ skip: 'missing_id' });
    expect(readStationId({ station_id: null })).toEqual({ skip: 'missing_id' });
    expect(readStationId({ station_id: '  ' })).toEqual({ skip: 'missing_id' });
    expect(readStationId({ station_id: true })).toEqual({ skip: 'invalid_record' });
    expect(readStationId({ station_id: 12.5 })).toEqual({ skip: 'invalid_record' });
    // Already rounded by JSON.parse: two stations could collide.
    expect(readStationId({ station_id: 2 ** 53 + 2 })).toEqual({ skip: 'invalid_record' });
  });
});

describe('judgeCounts', () => {
  it('names the first out-of-range count and ignores missing ones', () => {
    expect(judgeCounts([0, null, undefined, 10_000])).toBeNull();
    expect(judgeCounts([3, -1, 10_001])).toBe('negative_count');
    expect(judgeCounts([10_001, -1])).toBe('absurd_count');
  });
});

describe('collectStations', () => {
  it('does not let a broken first copy hide a good second one', () => {
    const records = [
      { station_id: 'a', ok: false },
      { station_id: 'a', ok: true, n: 1 },
      { station_id: 'a', ok: true, n: 2 },
    ];
    const result = collectStations(records, (record, stationId) =>
      record.ok ? { item: { stationId, n: record.n } } : skip('bad_coordinates'),
    );
    expect(result).toEqual({ items: [{ stationId: 'a', n: 1 }], skipped: { bad_coordinates: 1, duplicate_id: 1 } });
  });

  it('counts non-objects as invalid records', () => {
    const result = collectStations([null, 3, 'x', []], () => skip('missing_id'));
    expect(result).toEqual({ items: [], skipped: { invalid_record: 4 } });
  });
});
