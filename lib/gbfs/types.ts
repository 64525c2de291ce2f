/**
 * Normalised GBFS records: what every feed version (v1 incl. Velib's Smoove dialect, v2, v3)
 * is turned into before anything is stored. Times are whole epoch seconds (UTC).
 */

/** Why a record of a feed was left out. Counted per poll in the run log. */
export const SKIP_REASONS = [
  'invalid_record', // not an object / fields of the wrong type that cannot be coerced
  'missing_id',
  'duplicate_id', // the first occurrence is kept
  'bad_coordinates', // missing, NaN, 0/0 or out of range
  'negative_count',
  'absurd_count', // a count above MAX_PLAUSIBLE_COUNT
  'unknown_station', // a status for a station absent from station_information
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export type SkipCounts = Partial<Record<SkipReason, number>>;

/** A count above this is a feed error, not a station (largest real hubs hold a few hundred). */
export const MAX_PLAUSIBLE_COUNT = 10_000;

/** URLs found in gbfs.json (v1/v2: data.<language>.feeds, v3: data.feeds). */
export interface FeedUrls {
  version: string | null;
  language: string | null;
  systemInformation: string | null;
  stationInformation: string;
  stationStatus: string;
  vehicleTypes: string | null;
}

export interface SystemInfo {
  systemId: string | null;
  name: string;
  /** IANA zone, e.g. Europe/Paris. */
  timezone: string;
  language: string | null;
}

export interface StationInfo {
  stationId: string; // always a string, never a number (19-digit ids exist)
  name: string;
  /** The code riders know: short_name, Velib's stationCode. */
  code: string | null;
  lat: number;
  lon: number;
  /** null when the feed omits it; 0 is kept as 0 (Velib has such stations). */
  capacity: number | null;
}

export interface StationStatus {
  stationId: string;
  bikes: number;
  docks: number;
  /** null when the feed does not break bikes down by type. */
  ebikes: number | null;
  mechanical: number | null;
  isInstalled: boolean;
  isRenting: boolean;
  isReturning: boolean;
  /** epoch seconds after clamping, or null. */
  lastReported: number | null;
}

/** vehicle_type_id -> kind, from vehicle_types.json (v2/v3). */
export type VehicleKinds = ReadonlyMap<string, 'ebike' | 'mechanical' | 'other'>;

export interface ParsedFeed<T> {
  version: string | null;
  /** The feed's own time (last_updated, Velib's lastUpdatedOther), epoch seconds, or null. */
  lastUpdated: number | null;
  ttl: number | null;
  items: T[];
  skipped: SkipCounts;
}

export interface ParsedStatusFeed extends ParsedFeed<StationStatus> {
  /** last_reported values moved into [2000-01-01, feed time + tolerance] (or dropped to null). */
  clampedLastReported: number;
}

/** Thrown when a document is not the GBFS file it should be (bad JSON, wrong shape). */
export class GbfsFormatError extends Error {
  constructor(
    message: string,
    readonly feed: string,
    /** `parse`: not JSON at all (HTML, empty, broken); `shape`: JSON, but not this GBFS file. */
    readonly kind: 'parse' | 'shape' = 'shape',
  ) {
    super(message);
    this.name = 'GbfsFormatError';
  }
}
