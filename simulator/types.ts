/** Public types of the GBFS feed simulator (synthetic city and replay of recorded feeds). */

/** Which dialect the synthetic city is served in. */
export type FeedVariant = 'velib' | 'v2' | 'v3';

/** Files a simulator can serve, by GBFS feed name (path is `/<name>.json`). */
export const FEED_NAMES = [
  'gbfs',
  'system_information',
  'station_information',
  'station_status',
  'vehicle_types',
] as const;
export type FeedName = (typeof FEED_NAMES)[number];

export interface CityCenter {
  lat: number;
  lon: number;
  radiusKm: number;
}

export const FAULT_KINDS = [
  'http500',
  'http429',
  'http404',
  'hang',
  'truncated',
  'invalid_json',
  'wrong_shape',
  'huge',
  'duplicate_ids',
  'bad_coordinates',
  'negative_counts',
  'future_last_reported',
  'epoch_last_reported',
  'stale',
  'unknown_stations',
  'latin1_names',
  'empty_stations',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  feed: FeedName | 'any';
  kind: FaultKind;
  /** Sent as Retry-After with http429 (default 30) and, when given, with http500. */
  retryAfterSeconds?: number;
  /** How many matching requests it affects; unlimited when omitted. */
  times?: number;
  /** Size of the padding sent by `huge` (default 60 MB). */
  hugeBytes?: number;
}

export interface SimulatorOptions {
  variant?: FeedVariant;
  stations?: number;
  seed?: number;
  /** Epoch seconds of the first station_status (default: now rounded down to the minute). */
  startTime?: number;
  /** The clock advances by this much on each station_status request. */
  stepSeconds?: number;
  /** When true the clock never runs ahead of the real wall clock. */
  realTimeCap?: boolean;
  center?: CityCenter;
  systemId?: string;
  name?: string;
  timezone?: string;
  port?: number;
  host?: string;
}

export interface ReplayOptions {
  /** Folder of snapshot sub-folders, sorted by name = time order. */
  dir: string;
  port?: number;
  host?: string;
  /** After the last snapshot, start again from the first (default: keep serving the last). */
  loop?: boolean;
  /** Used only when the folder holds no system_information.json (default 'UTC'). */
  timezone?: string;
  name?: string;
  systemId?: string;
}

export interface RunningSimulator {
  /** Base URL; `${url}/gbfs.json` is the discovery file. */
  url: string;
  gbfsUrl: string;
  close(): Promise<void>;
  /** Current simulated feed time, epoch seconds. */
  now(): number;
  /** Requests received for one feed name, or for every path when omitted. */
  requests(feed?: string): number;
  setFault(f: Fault | null): void;
}
