/**
 * GET /api/catalog: the query and the answer. The route validates with these, the map parses
 * answers with them, and /api/openapi.json is generated from them.
 */
import { z } from 'zod';
import { wholeNumber } from '@/lib/api/schemas';

export const MAX_CATALOG_LIMIT = 2000;
export const DEFAULT_CATALOG_LIMIT = 50;

export const catalogQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(200, 'q must be at most 200 characters')
    .optional()
    .transform((q) => (q === '' ? undefined : q))
    .describe('words of a name, city, country (code or English name) or System ID; accents and case ignored; best matches first. Without it, every system in the catalog order'),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'country must be a two-letter ISO 3166-1 code, e.g. NO')
    .transform((code) => code.toUpperCase())
    .optional()
    .describe('only the systems of this country (ISO 3166-1 alpha-2, e.g. NO)'),
  limit: wholeNumber('limit')
    .pipe(z.number().min(1, `limit must be 1-${MAX_CATALOG_LIMIT}`).max(MAX_CATALOG_LIMIT, `limit must be 1-${MAX_CATALOG_LIMIT}`))
    .default(DEFAULT_CATALOG_LIMIT)
    .describe(`systems in the answer, 1-${MAX_CATALOG_LIMIT} (default ${DEFAULT_CATALOG_LIMIT})`),
  offset: wholeNumber('offset').default(0).describe('systems to skip first (paging)'),
});
export type CatalogQueryParameters = z.output<typeof catalogQuerySchema>;

export const catalogSystemSchema = z.object({
  id: z.string().describe("the catalog's System ID (POST /api/systems {catalogId} adds it); a few are listed twice"),
  name: z.string(),
  location: z.string().describe('city or area, as the catalog writes it'),
  countryCode: z.string().describe('ISO 3166-1 alpha-2'),
  url: z.string().nullable().describe("the operator's web site"),
  autoDiscoveryUrl: z.string().describe('its gbfs.json (or v3 manifest)'),
  versions: z.array(z.string()).describe('GBFS versions it serves (empty when the catalog does not say)'),
  needsKey: z.boolean().describe('the feed asks for a key (Authentication Type): adding it needs one'),
  collected: z.boolean().describe('this app already polls that discovery URL'),
  collectedAs: z.string().nullable().describe('the id this app polls it under (GET /api/hotspots?system=…), null when not collected'),
  hasStations: z
    .boolean()
    .nullable()
    .describe('false: its discovery lists no station_status (scooters, cars without stations), so it has no hotspots; true: it does; null: not known until an add reads its discovery'),
});
export type CatalogSystemAnswer = z.infer<typeof catalogSystemSchema>;

export const catalogResponseSchema = z.object({
  source: z
    .object({
      name: z.string(),
      url: z.string().describe('where the catalog is kept'),
      license: z.string(),
      attribution: z.string().describe('the sentence to show wherever the catalog is shown'),
    })
    .describe("the catalog's publisher and licence (credit it wherever the catalog is shown)"),
  readAt: z.string().nullable().describe('ISO instant of the stored copy; null when the catalog was never read'),
  lastAttempt: z
    .object({ at: z.string(), error: z.string().nullable().describe('why the newest read failed (null: it succeeded)') })
    .nullable()
    .describe('the newest attempt to read the catalog (refreshed once a day after a poll); null before the first'),
  notice: z.string().nullable().describe('what a person should know about this copy: never read yet, or an old one kept while the source cannot be read; null when all is well'),
  skippedLines: z.number().int().describe('lines of the stored copy that could not be read'),
  total: z.number().int().describe('systems matching (all systems of the catalog, or of the country, without q)'),
  offset: z.number().int(),
  limit: z.number().int(),
  systems: z.array(catalogSystemSchema).describe('best match first; without q, in catalog order'),
});
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;
