/** One poll's feeds joined into what gets stored: stations with their H3 cell, and their statuses. */
import { latLngToCell } from 'h3-js';
import type { ParsedFeed, ParsedStatusFeed, SkipCounts, StationInfo, StationStatus, SystemInfo } from './types';
import { STORED_RESOLUTION } from '@/lib/hotspots/types';
import { statusFeedTime } from './feedTime';

export interface SnapshotStation extends StationInfo {
  h3: string;
}

export interface Snapshot {
  system: SystemInfo;
  version: string | null;
  /** The poll's time: the status feed's own time (see statusFeedTime). */
  feedTime: number;
  fetchedAt: number;
  /** Seconds the status feed says it stays fresh (its `ttl`), or null when it says nothing usable. */
  ttl: number | null;
  stations: SnapshotStation[];
  /** Statuses of stations listed in station_information only. */
  statuses: StationStatus[];
  skipped: SkipCounts;
  clampedLastReported: number;
}

/** Postgres text cannot hold NUL, and no control character belongs in a station name. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
const printable = (text: string) => text.replace(CONTROL_CHARACTERS, ' ').trim();

export function mergeSkipCounts(...counts: SkipCounts[]): SkipCounts {
  const merged: SkipCounts = {};
  for (const count of counts) {
    for (const [reason, n] of Object.entries(count) as [keyof SkipCounts, number][]) {
      if (n) merged[reason] = (merged[reason] ?? 0) + n;
    }
  }
  return merged;
}

/** What the run log reports as left out or corrected in this poll, by reason. */
export function skippedOf(snapshot: Snapshot): Record<string, number> {
  const clamped = snapshot.clampedLastReported;
  return { ...snapshot.skipped, ...(clamped ? { clamped_last_reported: clamped } : {}) };
}

/**
 * A parsed station_information's stations with their cells, made once per parsed document: an
 * import joins the same document with thousands of statuses, and the cells (h3) are most of the
 * cost. Snapshots built from one document share the array; nothing changes it.
 */
const stationsOfInformation = new WeakMap<ParsedFeed<StationInfo>, { stations: SnapshotStation[]; known: Set<string> }>();

function snapshotStations(information: ParsedFeed<StationInfo>): { stations: SnapshotStation[]; known: Set<string> } {
  let made = stationsOfInformation.get(information);
  if (made === undefined) {
    const stations = information.items.map((s) => ({
      ...s,
      name: printable(s.name),
      code: s.code === null ? null : printable(s.code),
      h3: latLngToCell(s.lat, s.lon, STORED_RESOLUTION),
    }));
    made = { stations, known: new Set(stations.map((s) => s.stationId)) };
    stationsOfInformation.set(information, made);
  }
  return made;
}

export function buildSnapshot(input: {
  system: SystemInfo;
  information: ParsedFeed<StationInfo>;
  status: ParsedStatusFeed;
  fetchedAt: number;
}): Snapshot {
  const { stations, known } = snapshotStations(input.information);
  const statuses = input.status.items.filter((s) => known.has(s.stationId));
  const unknown = input.status.items.length - statuses.length;
  return {
    system: input.system,
    version: input.status.version ?? input.information.version,
    feedTime: statusFeedTime(input.status, input.fetchedAt),
    fetchedAt: input.fetchedAt,
    ttl: input.status.ttl,
    stations,
    statuses,
    skipped: mergeSkipCounts(input.information.skipped, input.status.skipped, unknown ? { unknown_station: unknown } : {}),
    clampedLastReported: input.status.clampedLastReported,
  };
}
