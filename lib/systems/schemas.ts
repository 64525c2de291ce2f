/**
 * GET, POST /api/systems and PATCH, DELETE /api/systems/{id}: the requests and the answers. The
 * routes validate with these, the map parses answers with them, and /api/openapi.json is
 * generated from them.
 */
import { z } from 'zod';
import { systemIdSchema } from './catalog';
import { flagParameterSchema } from '../api/schemas';

export const systemsResponseSchema = z.object({
  systems: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      timezone: z.string(),
      stations: z.number().int(),
      firstDay: z.string().nullable(),
      lastDay: z.string().nullable(),
      lastPoll: z.string().nullable().describe('ISO feed time of the newest stored poll'),
      lastPollAgeSeconds: z.number().nullable(),
      staleAfterSeconds: z.number().int().describe('past this age of the newest poll the data is stale (the server\'s STALE_AFTER_SECONDS, as in /api/health)'),
      center: z.object({ lat: z.number(), lon: z.number() }).nullable(),
      bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().describe('[west, south, east, north]'),
      simulated: z.boolean(),
      lastAttempt: z
        .object({
          at: z.string().describe('ISO instant the newest poll attempt finished'),
          status: z.enum(['ok', 'unchanged', 'stale', 'failed']),
          error: z.string().nullable().describe('why it failed, in words a person understands (null unless failed)'),
        })
        .nullable()
        .describe('the newest poll attempt, whatever its outcome; null before the first one'),
      pollIntervalSeconds: z.number().int().describe("seconds between the server's own polls (INGEST_INTERVAL_SECONDS); 0: polled only by a cron"),
      source: z.enum(['built-in', 'env', 'added']).describe('where the system is listed: the built-in catalog, GBFS_SYSTEMS, or added at run time (npm run systems -- add, POST /api/systems)'),
      paused: z.boolean().describe('not polled for now; its stored data is still served'),
    }),
  ),
});
export type SystemsResponse = z.infer<typeof systemsResponseSchema>;

export const URL_OR_CATALOG_ID = 'the gbfs.json (or v3 manifest.json) URL of the system is required, or its catalogId (a System ID of GET /api/catalog)';
export const KEY_WITH_CATALOG_ID = 'a key goes with a catalogId (the catalog says how the feed takes it)';

export const addSystemBodySchema = z
  .object({
    url: z
      .string()
      .trim()
      .min(1, URL_OR_CATALOG_ID)
      .max(2048)
      .optional()
      .describe('gbfs.json, or a GBFS v3 manifest.json; with catalogId, only to choose between systems the catalog lists under one id (their autoDiscoveryUrl)'),
    catalogId: z
      .string()
      .trim()
      .min(1, 'catalogId must not be empty')
      .max(200)
      .optional()
      .describe("a System ID of the catalog (GET /api/catalog): the system is added from the catalog's discovery URL, by default under that id"),
    id: systemIdSchema
      .optional()
      .describe("the id to list it under (default: the catalog's System ID, else the feed's system_id; with a manifest of several systems, the one to add)"),
    key: z
      .string()
      .min(1, 'key must not be empty')
      .max(4096)
      .optional()
      .describe('the key of a catalog system that needs one (needsKey); several values (the catalog names several parameters) joined by "|". Kept on the server, sent only to that feed, never answered or logged'),
  })
  .refine((body) => body.url !== undefined || body.catalogId !== undefined, { message: URL_OR_CATALOG_ID, path: ['url'] })
  .refine((body) => body.key === undefined || body.catalogId !== undefined, { message: KEY_WITH_CATALOG_ID, path: ['key'] });

export const addedSystemResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  gbfsUrl: z.string(),
  version: z.string().nullable(),
  stations: z.number().int(),
});

export const pauseBodySchema = z.object({ paused: z.boolean({ error: 'paused must be true or false' }) });

export const systemPathSchema = z.object({ id: systemIdSchema });

export const removeQuerySchema = z.object({
  purge: flagParameterSchema.default(false).describe("1: delete the system's stored data too"),
});
