/**
 * GBFS 3.0: RFC 3339 times (with the system's UTC offset), gbfs.json `data.feeds` without a
 * language level, localised names and num_vehicles_available.
 */
import { rfc3339 } from '../localTime';
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

const VERSION = '3.0';
const TTL = 60;
const LANGUAGE = 'fr';
const FEEDS = ['gbfs', 'system_information', 'vehicle_types', 'station_information', 'station_status'] as const;

export const v3Renderer: FeedRenderer = {
  feeds: FEEDS,
  gbfs: (ctx) => envelope(ctx, { feeds: feedList(ctx.baseUrl, FEEDS) }),
  systemInformation: (ctx) =>
    envelope(ctx, {
      system_id: ctx.system.systemId,
      languages: [LANGUAGE],
      name: localised(ctx.system.name),
      opening_hours: '24/7',
      feed_contact_email: 'gbfs@example.invalid',
      timezone: ctx.system.timezone,
    }),
  stationInformation: (ctx, rows) => envelope(ctx, { stations: rows.map(information) }),
  stationStatus: (ctx, rows) =>
    envelope(ctx, { stations: rows.map((row) => status(row, ctx.system.timezone)) }),
  vehicleTypes: (ctx) =>
    envelope(ctx, {
      vehicle_types: [
        {
          vehicle_type_id: MECHANICAL_TYPE_ID,
          form_factor: 'bicycle',
          propulsion_type: 'human',
          name: localised('Vélo mécanique'),
        },
        {
          vehicle_type_id: EBIKE_TYPE_ID,
          form_factor: 'bicycle',
          propulsion_type: 'electric_assist',
          max_range_meters: EBIKE_RANGE_METERS,
          name: localised('Vélo électrique'),
        },
      ],
    }),
};

function envelope(ctx: RenderContext, data: object): string {
  return JSON.stringify({ last_updated: rfc3339(ctx.t, ctx.system.timezone), ttl: TTL, version: VERSION, data });
}

function localised(text: string): { text: string; language: string }[] {
  return [{ text, language: LANGUAGE }];
}

function information(row: StationInfoRow): object {
  return {
    station_id: String(row.stationId),
    name: localised(row.name),
    short_name: localised(row.stationCode),
    lat: row.lat,
    lon: row.lon,
    capacity: row.capacity,
  };
}

function status(row: StationStatusRow, timezone: string): object {
  return {
    station_id: String(row.stationId),
    num_vehicles_available: row.bikes,
    vehicle_types_available: [
      { vehicle_type_id: MECHANICAL_TYPE_ID, count: row.mechanical },
      { vehicle_type_id: EBIKE_TYPE_ID, count: row.ebikes },
    ],
    num_docks_available: row.docks,
    is_installed: row.isInstalled,
    is_renting: row.isRenting,
    is_returning: row.isReturning,
    last_reported: rfc3339(row.lastReported, timezone),
  };
}
