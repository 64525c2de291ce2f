/**
 * The request of a data export (GET /api/export and `npm run export`): which system, which local
 * days, which table, which file format. The route and the command validate with this one schema.
 */
import { z } from 'zod';
import { systemIdSchema } from '@/lib/systemCatalog';
import { daysInPeriod, localDaySchema as localDay, MAX_PERIOD_DAYS } from './periodFields';

export const EXPORT_TABLES = ['hourly', 'statuses'] as const;
export type ExportTableName = (typeof EXPORT_TABLES)[number];

export const EXPORT_FORMATS = ['parquet', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MAX_EXPORT_DAYS = MAX_PERIOD_DAYS;

export const exportQuerySchema = z
  .object({
    system: systemIdSchema.optional().describe('System id (default: the first configured system)'),
    start: localDay('start').describe('First local day of the period, YYYY-MM-DD (the system\'s time zone)'),
    end: localDay('end').describe(`Last local day of the period, YYYY-MM-DD, included; a period is at most ${MAX_EXPORT_DAYS} days`),
    table: z
      .enum(EXPORT_TABLES, { error: `table must be one of ${EXPORT_TABLES.join(', ')}` })
      .describe('hourly: the hourly rollups per station; statuses: the raw station statuses of the polls'),
    format: z
      .enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
      .default('parquet')
      .describe('parquet (default) or csv'),
  })
  .refine((q) => q.end >= q.start, { message: 'end must not be before start', path: ['end'] })
  .refine((q) => daysInPeriod(q.start, q.end) <= MAX_EXPORT_DAYS, {
    message: `a period is at most ${MAX_EXPORT_DAYS} days`,
    path: ['end'],
  });
export type ExportQuery = z.output<typeof exportQuerySchema>;
