/** What a dialect renderer needs: plain rows, so faults can alter them before rendering. */
import type { StationCounts } from '../status';
import type { FeedName } from '../types';

export interface StationInfoRow {
  stationId: number;
  stationCode: string;
  name: string;
  lat: number;
  lon: number;
  capacity: number;
  hasRentalMethods: boolean;
}

export interface StationStatusRow extends StationCounts {
  stationId: number;
  stationCode: string;
}

export interface SystemDescription {
  systemId: string;
  name: string;
  timezone: string;
}

export interface RenderContext {
  /** Feed time, epoch seconds. */
  t: number;
  /** The server's own address: gbfs.json URLs are absolute. */
  baseUrl: string;
  system: SystemDescription;
}

/** One GBFS dialect. Every method returns the exact JSON text to serve. */
export interface FeedRenderer {
  /** The files this dialect publishes, in gbfs.json order. */
  readonly feeds: readonly FeedName[];
  gbfs(ctx: RenderContext): string;
  systemInformation(ctx: RenderContext): string;
  stationInformation(ctx: RenderContext, rows: readonly StationInfoRow[]): string;
  stationStatus(ctx: RenderContext, rows: readonly StationStatusRow[]): string;
  /** null when the dialect has no vehicle_types.json (Vélib). */
  vehicleTypes(ctx: RenderContext): string | null;
}

export function feedList(baseUrl: string, feeds: readonly FeedName[]): { name: FeedName; url: string }[] {
  return feeds.map((name) => ({ name, url: `${baseUrl}/${name}.json` }));
}

/** Vehicle type ids shared by the v2 and v3 dialects. */
export const MECHANICAL_TYPE_ID = 'mech';
export const EBIKE_TYPE_ID = 'ebike';
/** Required by GBFS for motorised types; a Vélib e-bike does ~50-60 km per charge. */
export const EBIKE_RANGE_METERS = 60_000;
