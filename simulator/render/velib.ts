/**
 * Vélib' Métropole's Smoove dialect, field for field and in the same key order as the real feed:
 * no `version`, `lastUpdatedOther` instead of `last_updated`, integer station ids, 1/0 flags,
 * camelCase duplicates and the list-of-one-key-objects bike breakdown.
 */
import { feedList, type FeedRenderer, type RenderContext, type StationInfoRow, type StationStatusRow } from './types';

/** The real feed says 3600 even though it changes every minute. */
const TTL = 3600;

const FEEDS = ['gbfs', 'system_information', 'station_information', 'station_status'] as const;

export const velibRenderer: FeedRenderer = {
  feeds: FEEDS,
  gbfs: (ctx) => envelope(ctx, { en: { feeds: feedList(ctx.baseUrl, FEEDS) } }),
  systemInformation: (ctx) =>
    envelope(ctx, {
      system_id: ctx.system.systemId,
      name: ctx.system.name,
      url: '',
      timezone: ctx.system.timezone,
      language: 'en',
    }),
  stationInformation: (ctx, rows) => envelope(ctx, { stations: rows.map(information) }),
  stationStatus: (ctx, rows) => envelope(ctx, { stations: rows.map(status) }),
  vehicleTypes: () => null,
};

function envelope(ctx: RenderContext, data: object): string {
  return JSON.stringify({ lastUpdatedOther: ctx.t, ttl: TTL, data });
}

function information(row: StationInfoRow): object {
  return {
    station_id: row.stationId,
    stationCode: row.stationCode,
    name: row.name,
    lat: row.lat,
    lon: row.lon,
    capacity: row.capacity,
    ...(row.hasRentalMethods ? { rental_methods: ['CREDITCARD'] } : {}),
    station_opening_hours: null,
  };
}

function status(row: StationStatusRow): object {
  return {
    station_id: row.stationId,
    num_bikes_available: row.bikes,
    numBikesAvailable: row.bikes,
    num_bikes_available_types: [{ mechanical: row.mechanical }, { ebike: row.ebikes }],
    num_docks_available: row.docks,
    numDocksAvailable: row.docks,
    is_installed: flag(row.isInstalled),
    is_returning: flag(row.isReturning),
    is_renting: flag(row.isRenting),
    last_reported: row.lastReported,
    stationCode: row.stationCode,
    station_opening_hours: null,
  };
}

function flag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}
