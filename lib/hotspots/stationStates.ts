/**
 * The state diff of a poll: each station's state after it, and which states and statuses it
 * changed. Only changes are stored, so an unchanged feed writes nothing.
 */
import type { StationStatus } from '@/lib/gbfs/types';
import type { PolledState } from './types';

/** The state of a station listed in the poll's status feed. */
export function stateOfStatus(status: StationStatus, h3: string): PolledState {
  return {
    stationId: status.stationId,
    h3,
    present: true,
    installed: status.isInstalled,
    renting: status.isRenting,
    returning: status.isReturning,
    bikes: status.bikes,
    docks: status.docks,
    ebikes: status.ebikes,
    mechanical: status.mechanical,
    lastReported: status.lastReported,
  };
}

/** A known station missing from the poll's status feed: unobserved until it comes back. */
export function absentState(stationId: string, h3: string): PolledState {
  return { stationId, h3, present: false, installed: false, renting: false, returning: false, bikes: 0, docks: 0, ebikes: null, mechanical: null, lastReported: null };
}

const STATUS_FIELDS = ['present', 'installed', 'renting', 'returning', 'bikes', 'docks', 'ebikes', 'mechanical', 'lastReported'] as const;

const statusDiffers = (a: PolledState, b: PolledState) => STATUS_FIELDS.some((f) => a[f] !== b[f]);

export interface StateChanges {
  /** Stations whose reported status changed (or that are new): a raw status row each. */
  changedStatus: PolledState[];
  /** Stations whose state changed at all: the status, or only the cell (the station moved). */
  changedState: PolledState[];
}

/**
 * The states after a poll: every station seen before or listed now; a listed station takes its
 * cell from the poll's station_information, an unlisted one keeps its last cell.
 */
export function nextStates(
  previous: ReadonlyMap<string, PolledState>,
  stations: ReadonlyArray<{ stationId: string; h3: string }>,
  statuses: readonly StationStatus[],
): StateChanges {
  const h3ById = new Map(stations.map((s) => [s.stationId, s.h3]));
  const statusById = new Map(statuses.map((s) => [s.stationId, s]));
  const changedStatus: PolledState[] = [];
  const changedState: PolledState[] = [];
  const diff = (id: string, before: PolledState | undefined) => {
    const h3 = h3ById.get(id) ?? before!.h3;
    const status = statusById.get(id);
    const after = status ? stateOfStatus(status, h3) : absentState(id, h3);
    const changed = !before || statusDiffers(before, after);
    if (changed) changedStatus.push(after);
    if (changed || before.h3 !== h3) changedState.push(after);
  };
  // Every station seen before, in its order, then the ones listed for the first time.
  for (const [id, before] of previous) diff(id, before);
  for (const id of h3ById.keys()) if (!previous.has(id)) diff(id, undefined);
  return { changedStatus, changedState };
}
