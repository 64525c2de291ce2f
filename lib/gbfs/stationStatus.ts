/** station_status.json: what each station holds right now. */
import { z } from 'zod';
import { breakDownBikes } from './bikeBreakdown';
import { headerOf, parseEnvelope, stationsOf } from './envelope';
import { countLike, flagLike, idLike } from './fields';
import { collectStations, judgeCounts, skip, type RecordOutcome } from './records';
import { clampLastReported, parseGbfsTime } from './time';
import type { ParsedStatusFeed, StationStatus, VehicleKinds } from './types';

const FEED = 'station_status';

const optionalCount = countLike.nullish();
// GBFS says a missing flag means the normal state: installed, renting, returning.
const flagDefaultTrue = flagLike.nullish().transform((flag) => flag ?? true);

/** Velib writes a list of one-key objects; a single object is accepted too. */
const velibTypes = z
  .union([z.array(z.record(z.string(), countLike)), z.record(z.string(), countLike)])
  .transform((value) => (Array.isArray(value) ? Object.fromEntries(value.flatMap((entry) => Object.entries(entry))) : value));

const vehicleTypesAvailable = z.array(
  z.object({ vehicle_type_id: idLike, count: countLike }).transform((entry) => ({
    vehicleTypeId: entry.vehicle_type_id,
    count: entry.count,
  })),
);

const stationStatusRecord = z.object({
  num_bikes_available: optionalCount,
  // Velib duplicates every count in camelCase; snake_case wins, camelCase fills gaps.
  numBikesAvailable: optionalCount,
  // v3 renamed the bike count.
  num_vehicles_available: optionalCount,
  num_docks_available: optionalCount,
  numDocksAvailable: optionalCount,
  num_ebikes_available: optionalCount,
  num_bikes_available_types: velibTypes.nullish(),
  vehicle_types_available: vehicleTypesAvailable.nullish(),
  is_installed: flagDefaultTrue,
  is_renting: flagDefaultTrue,
  is_returning: flagDefaultTrue,
  last_reported: z.unknown().optional(),
});

export interface StationStatusOptions {
  /** epoch seconds of the download: the reference time when the file has no time of its own. */
  fetchedAt: number;
  vehicleKinds?: VehicleKinds;
}

interface ParsedStatusRecord {
  status: StationStatus;
  lastReportedClamped: boolean;
}

function parseStatusRecord(
  record: Record<string, unknown>,
  stationId: string,
  referenceTime: number,
  vehicleKinds: VehicleKinds | undefined,
): RecordOutcome<ParsedStatusRecord> {
  const parsed = stationStatusRecord.safeParse(record);
  if (!parsed.success) return skip('invalid_record');
  const r = parsed.data;

  const bikes = r.num_bikes_available ?? r.numBikesAvailable ?? r.num_vehicles_available;
  // A status without any bike count says nothing about availability.
  if (bikes === null || bikes === undefined) return skip('invalid_record');
  const docks = r.num_docks_available ?? r.numDocksAvailable ?? 0;

  const countProblem = judgeCounts([
    bikes,
    docks,
    r.num_ebikes_available,
    ...Object.values(r.num_bikes_available_types ?? {}),
    ...(r.vehicle_types_available ?? []).map((entry) => entry.count),
  ]);
  if (countProblem) return skip(countProblem);

  const { ebikes, mechanical } = breakDownBikes({
    bikes,
    velibTypes: r.num_bikes_available_types,
    vehicleTypesAvailable: r.vehicle_types_available,
    numEbikesAvailable: r.num_ebikes_available,
    vehicleKinds,
  });
  const lastReported = clampLastReported(parseGbfsTime(r.last_reported), referenceTime);

  return {
    item: {
      status: {
        stationId,
        bikes,
        docks,
        ebikes,
        mechanical,
        isInstalled: r.is_installed,
        isRenting: r.is_renting,
        isReturning: r.is_returning,
        lastReported: lastReported.value,
      },
      lastReportedClamped: lastReported.changed,
    },
  };
}

export function parseStationStatus(json: unknown, options: StationStatusOptions): ParsedStatusFeed {
  const envelope = parseEnvelope(json, FEED);
  const referenceTime = envelope.lastUpdated ?? options.fetchedAt;
  const { items, skipped } = collectStations(stationsOf(envelope, FEED), (record, stationId) =>
    parseStatusRecord(record, stationId, referenceTime, options.vehicleKinds),
  );
  return {
    ...headerOf(envelope),
    items: items.map((item) => item.status),
    skipped,
    clampedLastReported: items.filter((item) => item.lastReportedClamped).length,
  };
}
