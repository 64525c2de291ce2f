/** Standard GBFS 2.3: string ids, true/false flags, vehicle_types_available + vehicle_types.json. */
import {
  EBIKE_RANGE_METERS,
  EBIKE_TYPE_ID,
  MECHANICAL_TYPE_ID,
  feedList,
  type FeedRenderer,
  type RenderContext,
  type StationInfoRow,
  type StationStatusRow,
} from './types';

const VERSION = '2.3';
const TTL = 60;
const LANGUAGE = 'en';
const FEEDS = ['gbfs', 'system_information', 'vehicle_types', 'station_information', 'station_status'] as const;

export const v2Renderer: FeedRenderer = {
  feeds: FEEDS,
  gbfs: (ctx) => envelope(ctx, { [LANGUAGE]: { feeds: feedList(ctx.baseUrl, FEEDS) } }),
  systemInformation: (ctx) =>
    envelope(ctx, {
      system_id: ctx.system.systemId,
      language: LANGUAGE,
      name: ctx.system.name,
      timezone: ctx.system.timezone,
    }),
  stationInformation: (ctx, rows) => envelope(ctx, { stations: rows.map(information) }),
  stationStatus: (ctx, rows) => envelope(ctx, { stations: rows.map(status) }),
  vehicleTypes: (ctx) =>
    envelope(ctx, {
      vehicle_types: [
        { vehicle_type_id: MECHANICAL_TYPE_ID, form_factor: 'bicycle', propulsion_type: 'human', name: 'Vélo mécanique' },
        {
          vehicle_type_id: EBIKE_TYPE_ID,
          form_factor: 'bicycle',
          propulsion_type: 'electric_assist',
          max_range_meters: EBIKE_RANGE_METERS,
          name: 'Vélo électrique',
        },
      ],
    }),
};

function envelope(ctx: RenderContext, data: object): string {
  return JSON.stringify({ last_updated: ctx.t, ttl: TTL, version: VERSION, data });
}

function information(row: StationInfoRow): object {
  return {
    station_id: String(row.stationId),
    name: row.name,
    short_name: row.stationCode,
    lat: row.lat,
    lon: row.lon,
    capacity: row.capacity,
    ...(row.hasRentalMethods ? { rental_methods: ['creditcard'] } : {}),
  };
}

function status(row: StationStatusRow): object {
  return {
    station_id: String(row.stationId),
    num_bikes_available: row.bikes,
    vehicle_types_available: [
      { vehicle_type_id: MECHANICAL_TYPE_ID, count: row.mechanical },
      { vehicle_type_id: EBIKE_TYPE_ID, count: row.ebikes },
    ],
    num_docks_available: row.docks,
    is_installed: row.isInstalled,
    is_renting: row.isRenting,
    is_returning: row.isReturning,
    last_reported: row.lastReported,
  };
}
