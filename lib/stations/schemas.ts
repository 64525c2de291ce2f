/**
 * GET /api/stations: the request and the answer. The route validates with these, the map's
 * station search parses the answer with them, and /api/openapi.json is generated from them.
 */
import { z } from 'zod';
import { systemIdSchema } from '@/lib/systems/catalog';

export const stationsQuerySchema = z.object({
  system: systemIdSchema.optional().describe('System id (default: the first configured system)'),
});
export type StationsQuery = z.output<typeof stationsQuerySchema>;

export const stationSchema = z.object({
  id: z.string().describe("the feed's station_id"),
  name: z.string(),
  code: z.string().nullable().describe('the short code riders know (short_name, Vélib\'s stationCode), null when the feed gives none'),
  lat: z.number(),
  lon: z.number(),
  capacity: z.number().int().nullable(),
});
export type StationDto = z.infer<typeof stationSchema>;

export const stationsResponseSchema = z.object({
  system: z.string(),
  stations: z.array(stationSchema).describe('every station the system has listed, as last described, by name'),
});
export type StationsResponse = z.infer<typeof stationsResponseSchema>;
