/**
 * What every route shares: the error answer, the system and health queries, an H3 cell, a
 * resolution, a local day, a 0/1 flag. Each feature's own requests and answers live beside it
 * (lib/hotspots/schemas.ts, lib/systems/schemas.ts, lib/episodes/schemas.ts, …); route handlers
 * validate with them, the map parses answers with them, and /api/openapi.json is generated from
 * them: written once.
 */
import { z } from 'zod';
import { flagSchema } from '@/lib/flagSchema';
import { RESOLUTIONS, STORED_RESOLUTION, type Resolution } from '@/lib/hotspots/types';
import { systemIdSchema } from '@/lib/systems/catalog';
import { localDaySchema } from './periodFields';

/** A query parameter that is a whole number, named in its message. */
export const wholeNumber = (name: string) =>
  z.string().regex(/^\d{1,6}$/, `${name} must be a whole number`).transform(Number);

export const dateSchema = localDaySchema('date');

export const h3CellSchema = z.string().regex(/^8[0-9a-f]{14}$/, 'h3 must be an H3 cell index (15 hex digits)');

/** The `resolution` parameter of every route that lists hexagons. */
export const resolutionSchema = wholeNumber('resolution')
  .pipe(z.number().refine((r): r is Resolution => (RESOLUTIONS as readonly number[]).includes(r), 'resolution must be 7, 8, 9 or 10'))
  .default(STORED_RESOLUTION)
  .describe('H3 resolution, 7-10 (default 10, ~75 m hexagons)');

export const systemQuerySchema = z.object({ system: systemIdSchema.optional().describe('System id (default: every configured system)') });

/** A query parameter that says yes or no. */
export const flagParameterSchema = flagSchema('must be 1, 0, true or false');

export const healthQuerySchema = z.object({
  strict: flagParameterSchema.default(false).describe('1: answer 503 when any feed is stale too (for monitors); default: 503 only when the app or its database fails'),
});

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    parameter: z.string().optional(),
    accepted: z.string().optional(),
  }),
});
