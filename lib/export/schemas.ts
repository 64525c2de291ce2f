/**
 * The request of a data export (GET /api/export and `npm run export`): which system, which local
 * days, which table, which file format. The route and the command validate with this one schema.
 */
import { z } from 'zod';
import { checkPeriod, periodQueryFields } from '../api/periodFields';

export const EXPORT_TABLES = ['hourly', 'statuses'] as const;
export type ExportTableName = (typeof EXPORT_TABLES)[number];

export const EXPORT_FORMATS = ['parquet', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];


export const exportQuerySchema = z
  .object({
    ...periodQueryFields,
    table: z
      .enum(EXPORT_TABLES, { error: `table must be one of ${EXPORT_TABLES.join(', ')}` })
      .describe('hourly: the hourly rollups per station; statuses: the raw station statuses of the polls'),
    format: z
      .enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
      .default('parquet')
      .describe('parquet (default) or csv'),
  })
  .superRefine((q, context) => checkPeriod(q, context));
export type ExportQuery = z.output<typeof exportQuerySchema>;
