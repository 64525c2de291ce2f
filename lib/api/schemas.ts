/**
 * The public API's requests and responses. Route handlers validate with these, the map parses
 * answers with them, and /api/openapi.json is generated from them: written once.
 */
import { z } from 'zod';
import { isValidCalendarDate } from '@/lib/calendar';
import { METRICS, RESOLUTIONS, STORED_RESOLUTION, type Resolution } from '@/lib/hotspots/types';
import { systemIdSchema } from '@/lib/systems/catalog';
import { ALL_WEEKDAYS, checkPeriod, localDaySchema, MAX_PERIOD_DAYS, periodOf, weekdaysSchema, type Period } from './periodFields';

const wholeNumber = (name: string) =>
  z.string().regex(/^\d{1,6}$/, `${name} must be a whole number`).transform(Number);

export const dateSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'date is required (YYYY-MM-DD)' : 'date must be YYYY-MM-DD') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine(isValidCalendarDate, 'date is not a real calendar date');

export const h3CellSchema = z.string().regex(/^8[0-9a-f]{14}$/, 'h3 must be an H3 cell index (15 hex digits)');

export const FORMATS = ['json', 'geojson', 'csv'] as const;

const windowFields = {
  from: wholeNumber('from')
    .pipe(z.number().min(0, 'from must be 0-23').max(23, 'from must be 0-23'))
    .default(0)
    .describe('First local hour of the window (0-23, default 0)'),
  to: wholeNumber('to')
    .pipe(z.number().min(1, 'to must be 1-24').max(24, 'to must be 1-24'))
    .default(24)
    .describe('Local hour the window ends at (1-24, exclusive, default 24)'),
};

/** The `resolution` parameter of every route that lists hexagons. */
export const resolutionSchema = wholeNumber('resolution')
  .pipe(z.number().refine((r): r is Resolution => (RESOLUTIONS as readonly number[]).includes(r), 'resolution must be 7, 8, 9 or 10'))
  .default(STORED_RESOLUTION)
  .describe('H3 resolution, 7-10 (default 10, ~75 m hexagons)');

const fromBeforeTo = (q: { from: number; to: number }) => q.from < q.to;
const fromBeforeToIssue = { message: 'from must be before to', path: ['from'] };

export const hotspotsQuerySchema = z
  .object({
    date: localDaySchema('date').optional().describe('Local day of the system, YYYY-MM-DD (or start and end for a period)'),
    start: localDaySchema('start').optional().describe(`First local day of a period (with end; at most ${MAX_PERIOD_DAYS} days)`),
    end: localDaySchema('end').optional().describe('Last local day of the period, included'),
    weekdays: weekdaysSchema.optional().describe('Keep only these ISO weekdays of the period (1 = Monday), e.g. 1,2,3,4,5'),
    baseDate: localDaySchema('baseDate').optional().describe('Compare with this day (or baseStart and baseEnd): each hexagon gets baseValue, delta and deltaWeight'),
    baseStart: localDaySchema('baseStart').optional().describe('First local day of the base period (with baseEnd)'),
    baseEnd: localDaySchema('baseEnd').optional().describe('Last local day of the base period, included'),
    system: systemIdSchema.optional().describe('System id (default: the first configured system)'),
    ...windowFields,
    resolution: resolutionSchema,
    metric: z.enum(METRICS, { error: `metric must be one of ${METRICS.join(', ')}` }).default('occupancy'),
    limit: wholeNumber('limit')
      .pipe(z.number().min(1, 'limit must be a positive whole number'))
      .optional()
      .describe('Keep the top N hexagons by weight'),
    format: z.enum(FORMATS, { error: `format must be one of ${FORMATS.join(', ')}` }).default('json'),
  })
  .refine(fromBeforeTo, fromBeforeToIssue)
  .superRefine((q, context) => {
    checkPeriod(q, context);
    checkPeriod({ date: q.baseDate, start: q.baseStart, end: q.baseEnd }, context, { date: 'baseDate', start: 'baseStart', end: 'baseEnd' }, false);
  })
  .transform(({ date, start, end, baseDate, baseStart, baseEnd, weekdays, ...rest }) => ({
    ...rest,
    /** Set only when the question was one day (`date=`). */
    date: date ?? null,
    period: periodOf({ date, start, end }) as Period,
    base: periodOf({ date: baseDate, start: baseStart, end: baseEnd }),
    weekdays: weekdays ?? [...ALL_WEEKDAYS],
  }));
export type HotspotsQuery = z.output<typeof hotspotsQuerySchema>;

export const hexagonSchema = z.object({
  h3: z.string(),
  lat: z.number(),
  lon: z.number(),
  weight: z.number().describe('value / the largest value of this response (top hexagon = 1)'),
  value: z.number().nullable().describe('the metric over the period; null only in a comparison, for a hexagon observed in the base period only'),
  rank: z.number().int(),
  stations: z.number().int(),
  coverage: z.number().describe('observed station-seconds / (stations × window seconds)'),
  label: z.string().optional().describe('the name of its largest station (by capacity), "+ N more" when it has several'),
  baseValue: z.number().nullable().optional().describe('comparison only: the value over the base period, null where it observed nothing'),
  delta: z.number().nullable().optional().describe('comparison only: value − baseValue (null where either is null)'),
  deltaWeight: z.number().nullable().optional().describe('comparison only: delta ÷ the largest |delta| of the response, in [−1, 1]'),
});
export type HexagonDto = z.infer<typeof hexagonSchema>;

const windowSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  start: z.string().describe('ISO instant the window starts'),
  end: z.string().describe('ISO instant the window ends (exclusive)'),
});

const dataRangeSchema = z.object({
  firstDay: z.string().nullable().describe('First local day with data'),
  lastDay: z.string().nullable().describe('Last local day with data'),
});

const periodSchema = z.object({
  start: z.string(),
  end: z.string(),
  days: z.number().int().describe('days of the period kept by weekdays'),
  daysWithData: z.number().int().describe('of those, the days with any observed station time in the hours asked'),
  weekdays: z.array(z.number().int()).describe('ISO weekdays kept (1 = Monday)'),
});

export const hotspotsResponseSchema = z.object({
  system: z.string(),
  date: z.string().nullable().describe('the day asked with date=, null for a period'),
  period: periodSchema,
  base: periodSchema.nullable().describe('the base period of a comparison, else null'),
  timezone: z.string(),
  resolution: z.number().int(),
  metric: z.enum(METRICS),
  unit: z.string(),
  window: windowSchema,
  generatedAt: z.string(),
  coverage: z.number(),
  stations: z.number().int(),
  dataRange: dataRangeSchema,
  hexagons: z.array(hexagonSchema),
});
export type HotspotsResponse = z.infer<typeof hotspotsResponseSchema>;

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

export const addSystemBodySchema = z.object({
  url: z.string().trim().min(1, 'the gbfs.json (or v3 manifest.json) URL of the system is required').max(2048).describe('gbfs.json, or a GBFS v3 manifest.json'),
  id: systemIdSchema.optional().describe("the id to list it under (default: the feed's system_id; with a manifest of several systems, the one to add)"),
});

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
  purge: z.enum(['0', '1', 'true', 'false'], { error: 'must be 1, 0, true or false' }).transform((v) => v === '1' || v === 'true').default(false).describe("1: delete the system's stored data too"),
});

export const hexagonQuerySchema = z
  .object({
    date: dateSchema,
    system: systemIdSchema.optional(),
    ...windowFields,
  })
  .refine(fromBeforeTo, fromBeforeToIssue);
export type HexagonQuery = z.output<typeof hexagonQuerySchema>;

const figuresSchema = z.object({
  observedS: z.number(),
  occupancy: z.number().nullable(),
  bikes: z.number().nullable(),
  ebikes: z.number().nullable(),
  mechanical: z.number().nullable(),
  full: z.number().nullable(),
  empty: z.number().nullable(),
});

const hourlyFiguresSchema = z.array(figuresSchema.extend({ hour: z.number().int().describe('local hour 0-23'), start: z.string() }));

export const hexagonResponseSchema = z.object({
  system: z.string(),
  date: z.string(),
  timezone: z.string(),
  h3: z.string(),
  resolution: z.number().int(),
  lat: z.number(),
  lon: z.number(),
  window: windowSchema,
  stations: z.array(
    z.object({
      stationId: z.string(),
      name: z.string(),
      code: z.string().nullable(),
      capacity: z.number().nullable(),
      lat: z.number(),
      lon: z.number(),
      figures: figuresSchema,
      hourly: hourlyFiguresSchema,
    }),
  ),
  hourly: hourlyFiguresSchema.describe("the hexagon's own value of each metric per local hour, computed as /api/hotspots computes a hexagon's value"),
});
export type HexagonResponse = z.infer<typeof hexagonResponseSchema>;

export const systemQuerySchema = z.object({ system: systemIdSchema.optional().describe('System id (default: every configured system)') });

const flag = z.enum(['0', '1', 'true', 'false'], { error: 'must be 1, 0, true or false' }).transform((v) => v === '1' || v === 'true');

export const healthQuerySchema = z.object({
  strict: flag.default(false).describe('1: answer 503 when any feed is stale too (for monitors); default: 503 only when the app or its database fails'),
});

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    parameter: z.string().optional(),
    accepted: z.string().optional(),
  }),
});
