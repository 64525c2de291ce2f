/**
 * GET /api/hotspots and GET /api/hexagons/{h3}: the requests (with their defaults) and the answers.
 * The routes validate with these, the map parses answers with them, and /api/openapi.json is
 * generated from them.
 */
import { z } from 'zod';
import { METRICS } from './types';
import { systemIdSchema } from '@/lib/systems/catalog';
import { ALL_WEEKDAYS, checkPeriod, localDaySchema, MAX_PERIOD_DAYS, periodOf, weekdaysSchema, type Period } from '../api/periodFields';
import { dateSchema, resolutionSchema, wholeNumber } from '../api/schemas';

export const FORMATS = ['json', 'geojson', 'csv', 'parquet'] as const;

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
  lat: z.number().describe("the hexagon's centre, 6 decimals (~0.1 m)"),
  lon: z.number().describe("the hexagon's centre, 6 decimals (~0.1 m)"),
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
