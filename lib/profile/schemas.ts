/** GET /api/profile: the typical week of a period, for the whole system or one hexagon. */
import { z } from 'zod';
import { METRICS } from '@/lib/hotspots/types';
import { hexagonFilterSchema } from '../episodes/schemas';
import { checkPeriod, periodQueryFields } from '../api/periodFields';

export const profileQuerySchema = z
  .object({
    ...periodQueryFields,
    h3: hexagonFilterSchema.optional().describe("One hexagon (resolution 7-10): its stations' summed integrals; default the whole system"),
    metric: z.enum(METRICS, { error: `metric must be one of ${METRICS.join(', ')}` }).default('occupancy'),
  })
  .superRefine((q, context) => checkPeriod(q, context));
export type ProfileQuery = z.output<typeof profileQuerySchema>;

export const profileResponseSchema = z.object({
  system: z.string(),
  timezone: z.string(),
  start: z.string(),
  end: z.string(),
  h3: z.string().nullable(),
  metric: z.enum(METRICS),
  unit: z.string(),
  weekdays: z.array(z.number().int()).describe('ISO weekdays of the rows, 1 = Monday … 7 = Sunday'),
  hours: z.array(z.number().int()).describe('local hours of the columns, 0-23'),
  values: z.array(z.array(z.number().nullable())).describe('values[i][j]: the metric for weekdays[i] at local hour hours[j] over the period, null where nothing was observed'),
  coverage: z.array(z.array(z.number())).describe('coverage[i][j]: observed station-seconds ÷ (stations × seconds of that weekday-hour in the period)'),
});
export type ProfileResponse = z.infer<typeof profileResponseSchema>;
