/** GET /api/forecast: the request and the answer (the route validates with these; OpenAPI is generated from them). */
import { z } from 'zod';
import { systemIdSchema } from '@/lib/systems/catalog';
import { hexagonFilterSchema } from '../episodes/schemas';
import { resolutionSchema } from '../api/schemas';

export const FORECAST_VIEWS = ['full', 'map'] as const;

export const forecastQuerySchema = z.object({
  system: systemIdSchema.optional().describe('System id (default: the first configured system)'),
  resolution: resolutionSchema,
  h3: hexagonFilterSchema.optional().describe('Only the stations inside this H3 cell (resolution 7-10)'),
  station: z.string().trim().min(1).max(200).optional().describe("One station's 24 hours alone (the feed's station id): a small answer for programs and widgets"),
  view: z
    .enum(FORECAST_VIEWS, { error: `view must be one of ${FORECAST_VIEWS.join(', ')}` })
    .default('full')
    .describe('full: every station and hexagon, one object each (default); map: what the map draws, the hexagons of `resolution` as one array per field, each hour one array'),
});
export type ForecastQuery = z.output<typeof forecastQuerySchema>;

const perHour = (what: string) => z.array(z.number()).describe(`${what}, [k] for issuedAt + (k + 1) h`);
const maeSchema = z
  .object({ model: z.number().nullable(), persistence: z.number().nullable(), seasonal: z.number().nullable() })
  .describe('mean absolute error in bikes per station: the model, "bikes stay as they are", and the weekday × hour mean; null where nothing was scored');
const brierScoresSchema = z.object({ model: z.number().nullable(), persistence: z.number().nullable(), climatology: z.number().nullable() });
const brierSchema = z
  .object({ empty: brierScoresSchema, full: brierScoresSchema })
  .describe(
    "Brier score of P(empty) and P(full): mean (chance − share of the hour the station was empty / full)²; persistence says the state at the poll, climatology the station's share at that hour of day over the 28 days before; null where nothing was scored",
  );
const intervalScoreSchema = z
  .object({ coverage: z.number().nullable(), width: z.number().nullable(), pinball: z.number().nullable() })
  .describe('the 80 % interval (bikesLow–bikesHigh): share of hours whose mean bikes fell inside, mean width in bikes, pinball loss of its two ends');
const reliabilityBinSchema = z.object({
  from: z.number(),
  to: z.number(),
  forecasts: z.number().int(),
  said: z.number().nullable(),
  happened: z.number().nullable(),
});
const errorsSchema = z.object({
  origins: z.number().int().describe('forecast origins scored'),
  horizons: z.array(z.object({ hours: z.number().int(), mae: maeSchema, brier: brierSchema.optional(), interval: intervalScoreSchema.optional() })),
});
const liveSchema = errorsSchema.extend({
  since: z.string(),
  horizons: z.array(
    z.object({ hours: z.number().int(), origins: z.number().int().describe('forecasts scored at this horizon'), mae: maeSchema, brier: brierSchema.optional() }),
  ),
});

const forecastModelSchema = z.object({
  name: z.string().describe('the model that answered for most stations: seasonal+decay, short-profile or persistence'),
  answeredBy: z.record(z.string(), z.number().int()).describe('stations per model'),
  fittedAt: z.string(),
  history: z.object({ start: z.string(), end: z.string() }).describe('the hours the model was fitted on'),
});

/** What every forecast answer opens with: whose, issued when, for which hours and cells, by which model. */
const forecastHeadFields = {
  system: z.string(),
  timezone: z.string(),
  issuedAt: z.string().describe('feed time of the poll the forecast was issued from'),
  horizonHours: z.array(z.number().int()).describe('1..24'),
  resolution: z.number().int(),
  h3: z.string().nullable(),
  model: forecastModelSchema,
};

export const forecastResponseSchema = z.object({
  ...forecastHeadFields,
  backtest: errorsSchema
    .extend({
      days: z.number().int(),
      reliability: z
        .object({ empty: z.array(reliabilityBinSchema), full: z.array(reliabilityBinSchema) })
        .optional()
        .describe('the chances said, in ten bins, against the share of the hour it happened'),
    })
    .describe('every hour of the last days before the fit, each forecast fitted only on what came before it'),
  live: liveSchema.describe('the forecasts issued since `since` (the first of each local hour), scored as the polls arrived'),
  stations: z.array(
    z.object({
      id: z.string().describe("the feed's station id"),
      name: z.string(),
      h3: z.string(),
      capacity: z.number().int(),
      model: z.string(),
      bikes: perHour('expected bikes'),
      docks: perHour('expected free docks'),
      pFull: perHour('probability of no free dock'),
      pEmpty: perHour('probability of no bike'),
      bikesLow: perHour('10th percentile of bikes (whole bikes)'),
      bikesHigh: perHour('90th percentile of bikes (whole bikes)'),
    }),
  ),
  hexagons: z.array(
    z.object({
      h3: z.string(),
      lat: z.number(),
      lon: z.number(),
      stations: z.number().int(),
      label: z.string().optional(),
      occupancy: perHour("expected bikes ÷ (bikes + free docks) of the hexagon's stations"),
      weight: perHour('occupancy ÷ the largest occupancy of that hour'),
      pFull: perHour('mean probability of its stations being full'),
      pEmpty: perHour('mean probability of its stations being empty'),
    }),
  ),
});
export type ForecastResponse = z.infer<typeof forecastResponseSchema>;

const perHourColumns = (what: string) =>
  z.array(z.array(z.number())).describe(`${what}: [k][i] for hexagon i (of \`h3\`) in the hour issuedAt + (k + 1) h`);

/**
 * GET /api/forecast?view=map: what the map draws at every hour, and nothing else: the hexagons of
 * the resolution as columns (an array per field, each hour's figures one array), the error
 * figures the legend says, the number of stations; a hexagon's stations are asked when it is
 * opened (`h3=CELL`, the full view).
 */
export const forecastMapResponseSchema = z.object({
  ...forecastHeadFields,
  backtest: z.object({
    days: z.number().int(),
    origins: z.number().int(),
    horizons: z.array(z.object({ hours: z.number().int(), mae: maeSchema })),
  }),
  live: z.object({
    since: z.string(),
    origins: z.number().int(),
    horizons: z.array(z.object({ hours: z.number().int(), origins: z.number().int(), mae: maeSchema })),
  }),
  stations: z.number().int().describe('stations forecast (inside `h3` when given)'),
  hexagons: z.object({
    h3: z.array(z.string()),
    lat: z.array(z.number()).describe('centre, 6 decimals'),
    lon: z.array(z.number()).describe('centre, 6 decimals'),
    stations: z.array(z.number().int()),
    label: z.array(z.string().nullable()).describe('the name of its largest station, "+ N more" when it has several'),
    capacity: z.array(z.number().int()).describe('docks of its stations: expected free docks = capacity − bikes'),
    occupancy: perHourColumns("expected bikes ÷ (bikes + free docks) of the hexagon's stations, 3 decimals"),
    bikes: perHourColumns('expected bikes of its stations, summed, 1 decimal'),
    pFull: perHourColumns('mean probability of its stations being full, 3 decimals (never 0 or 1 unless it is)'),
    pEmpty: perHourColumns('mean probability of its stations being empty, 3 decimals (never 0 or 1 unless it is)'),
  }),
});
export type ForecastMapResponse = z.infer<typeof forecastMapResponseSchema>;

/** GET /api/forecast?station=ID: one station's next 24 hours, small enough for a widget. */
export const forecastStationResponseSchema = z.object({
  system: z.string(),
  issuedAt: z.string().describe('feed time of the poll the forecast was issued from'),
  station: z.object({ id: z.string(), name: z.string(), capacity: z.number().int(), model: z.string() }),
  bikes: perHour('expected bikes (1 decimal)'),
  bikesLow: perHour('10th percentile of bikes'),
  bikesHigh: perHour('90th percentile of bikes'),
  pBike: perHour('chance of at least one bike (1 − pEmpty, 2 decimals)'),
  pDock: perHour('chance of at least one free dock (1 − pFull, 2 decimals)'),
});
export type ForecastStationResponse = z.infer<typeof forecastStationResponseSchema>;
