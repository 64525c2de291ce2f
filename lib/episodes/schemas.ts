/**
 * GET /api/episodes: the request (with its defaults) and the answer. The route validates with
 * these and the OpenAPI document is generated from them.
 */
import { getResolution, isValidCell } from 'h3-js';
import { z } from 'zod';
import { EPISODE_KINDS } from '@/lib/episodes/episodes';
import { RESOLUTIONS } from '@/lib/hotspots/types';
import { checkPeriod, periodQueryFields } from '../api/periodFields';
import { h3CellSchema } from '../api/schemas';

export const DEFAULT_EPISODE_LIMIT = 100;
export const MAX_EPISODE_LIMIT = 1000;
export const EPISODE_FORMATS = ['json', 'csv'] as const;

const isOfferedResolution = (cell: string) => (RESOLUTIONS as readonly number[]).includes(getResolution(cell));

/** A hexagon as /api/hexagons/{h3} accepts one: any case, resolution 7-10. */
export const hexagonFilterSchema = z
  .string()
  .transform((cell) => cell.toLowerCase())
  .pipe(h3CellSchema)
  .refine(isValidCell, { message: 'h3 is not a valid H3 cell', abort: true })
  .refine(isOfferedResolution, 'a hexagon of resolution 7-10 is needed');

export const episodesQuerySchema = z
  .object({
    ...periodQueryFields,
    kind: z
      .enum(EPISODE_KINDS, { error: `kind must be one of ${EPISODE_KINDS.join(', ')}` })
      .default('full')
      .describe('full: no free dock (default); empty: no bike'),
    h3: hexagonFilterSchema.optional().describe('Only the stations inside this H3 cell (resolution 7-10)'),
    limit: z
      .string()
      .regex(/^\d{1,6}$/, 'limit must be a whole number')
      .transform(Number)
      .pipe(z.number().min(1, `limit must be 1-${MAX_EPISODE_LIMIT}`).max(MAX_EPISODE_LIMIT, `limit must be 1-${MAX_EPISODE_LIMIT}`))
      .default(DEFAULT_EPISODE_LIMIT)
      .describe(`Keep the N longest episodes (default ${DEFAULT_EPISODE_LIMIT}, at most ${MAX_EPISODE_LIMIT}); the stations list is always whole`),
    format: z
      .enum(EPISODE_FORMATS, { error: `format must be one of ${EPISODE_FORMATS.join(', ')}` })
      .default('json')
      .describe('json (default), or csv: the stations list only'),
  })
  .superRefine((q, context) => checkPeriod(q, context));
export type EpisodesQuery = z.output<typeof episodesQuerySchema>;

const stationEpisodesSchema = z.object({
  id: z.string(),
  name: z.string(),
  h3: z.string().describe("resolution-10 cell of the station's current position"),
  count: z.number().int().describe('episodes of the station in the period'),
  totalSeconds: z.number().describe("Σ of their seconds inside the period: the rollups' full_s (or empty_s) of the period"),
  longestSeconds: z.number(),
});

const episodeSchema = z.object({
  stationId: z.string(),
  name: z.string(),
  h3: z.string(),
  kind: z.enum(EPISODE_KINDS),
  start: z.string().describe('ISO instant, cut to the period start (see clippedStart)'),
  end: z.string().describe('ISO instant (exclusive): the poll at which the station left the state, or the last poll before an unobserved gap; cut to the period end'),
  durationSeconds: z.number(),
  ongoing: z.boolean().describe("the run reaches the system's newest poll and the station is still in that state there"),
  clippedStart: z.boolean().describe('the run began before the period'),
  clippedEnd: z.boolean().describe('the run went on after the period'),
});

export const episodesResponseSchema = z.object({
  system: z.string(),
  timezone: z.string(),
  start: z.string(),
  end: z.string(),
  kind: z.enum(EPISODE_KINDS),
  h3: z.string().nullable(),
  window: z.object({ start: z.string().describe('ISO instant the period starts'), end: z.string().describe('ISO instant the period ends (exclusive)') }),
  newestPoll: z.string().nullable().describe('ISO feed time of the newest stored poll'),
  coverage: z
    .object({ from: z.string(), to: z.string() })
    .nullable()
    .describe('the part of the period stored polls cover: raw polls are kept RAW_RETENTION_DAYS, so episodes reach back only as far as the oldest kept poll'),
  maxGapSeconds: z.number().int().describe('polls further apart leave the time between unobserved: a run is cut there'),
  stations: z.array(stationEpisodesSchema).describe('every station with an episode, most seconds first'),
  totalEpisodes: z.number().int().describe('episodes in the period, before limit'),
  episodes: z.array(episodeSchema).describe('the longest episodes, longest first, at most limit'),
});
export type EpisodesResponse = z.infer<typeof episodesResponseSchema>;
