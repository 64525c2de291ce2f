import { describe, expect, it } from 'vitest';
import type { StationStatus } from '@/lib/gbfs/types';
import { absentState, nextStates, stateOfStatus } from './stationStates';
import { CELL, polledStatus } from '../../test/support/testPolls';
import type { PolledState } from './types';

const status = (stationId: string, bikes: number, docks: number, overrides: Partial<StationStatus> = {}): StationStatus =>
  polledStatus(stationId, bikes, docks, { lastReported: 1_750_000_000, ...overrides });

const stored = (...states: PolledState[]) => new Map(states.map((s) => [s.stationId, s]));

describe('the state diff of a poll', () => {
  it('stores nothing when nothing changed', () => {
    const previous = stored(stateOfStatus(status('a', 3, 7), CELL.chatelet));
    expect(nextStates(previous, [{ stationId: 'a', h3: CELL.chatelet }], [status('a', 3, 7)])).toEqual({ changedStatus: [], changedState: [] });
  });

  it('a new station and a changed count are new statuses and states', () => {
    const previous = stored(stateOfStatus(status('a', 3, 7), CELL.chatelet));
    const { changedStatus, changedState } = nextStates(
      previous,
      [{ stationId: 'a', h3: CELL.chatelet }, { stationId: 'b', h3: CELL.louvre }],
      [status('a', 4, 6), status('b', 0, 10)],
    );
    expect(changedStatus.map((s) => [s.stationId, s.bikes, s.docks])).toEqual([['a', 4, 6], ['b', 0, 10]]);
    expect(changedState).toEqual(changedStatus);
  });

  it('any reported field counts: renting, returning, installed, types, last_reported', () => {
    const before = stateOfStatus(status('a', 3, 7), CELL.chatelet);
    const stations = [{ stationId: 'a', h3: CELL.chatelet }];
    for (const change of [{ isRenting: false }, { isReturning: false }, { isInstalled: false }, { ebikes: 1, mechanical: 2 }, { lastReported: 1_750_000_060 }]) {
      expect(nextStates(stored(before), stations, [status('a', 3, 7, change)]).changedStatus, JSON.stringify(change)).toHaveLength(1);
    }
  });

  it('a station that moved changes its state (its cell) but not its status', () => {
    const previous = stored(stateOfStatus(status('a', 3, 7), CELL.hotelDeVille));
    const { changedStatus, changedState } = nextStates(previous, [{ stationId: 'a', h3: CELL.hotelDeVilleEast }], [status('a', 3, 7)]);
    expect(changedStatus).toEqual([]);
    expect(changedState).toEqual([stateOfStatus(status('a', 3, 7), CELL.hotelDeVilleEast)]);
  });

  it('a station missing from the status feed becomes absent in its last cell, once', () => {
    const previous = stored(stateOfStatus(status('a', 3, 7), CELL.bastille));
    const first = nextStates(previous, [], []);
    expect(first.changedStatus).toEqual([absentState('a', CELL.bastille)]);
    expect(first.changedStatus[0]).toMatchObject({ present: false, installed: false, bikes: 0, docks: 0, lastReported: null });
    expect(nextStates(stored(absentState('a', CELL.bastille)), [], [])).toEqual({ changedStatus: [], changedState: [] });
  });
});
