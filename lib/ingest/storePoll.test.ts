import { describe, expect, it } from 'vitest';
import type { SnapshotStation } from '@/lib/gbfs/snapshot';
import { descriptionChanges } from './storePoll';

const station = (overrides: Partial<SnapshotStation> = {}): SnapshotStation => ({
  stationId: 's1',
  name: 'Châtelet',
  code: '1001',
  lat: 48.8584,
  lon: 2.3474,
  h3: '8a1fb46622dffff',
  capacity: 30,
  ...overrides,
});

describe('which descriptions a poll changes', () => {
  it('none when every listed station is stored as it is', () => {
    expect(descriptionChanges(new Map([['s1', station()]]), [station()])).toEqual([]);
  });

  it('a new station, and each changed field, makes a new version', () => {
    const stored = new Map([['s1', station()]]);
    expect(descriptionChanges(stored, [station({ stationId: 's2' })])).toEqual([station({ stationId: 's2' })]);
    for (const change of [{ name: 'Les Halles' }, { code: null }, { lat: 48.86 }, { lon: 2.35 }, { h3: '8a1fb46622d7fff' }, { capacity: null }, { capacity: 0 }]) {
      expect(descriptionChanges(stored, [station(change)]), JSON.stringify(change)).toEqual([station(change)]);
    }
  });

  it('a stored station missing from the poll is no change: its description stays valid', () => {
    expect(descriptionChanges(new Map([['s1', station()]]), [])).toEqual([]);
  });
});
