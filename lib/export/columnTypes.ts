/**
 * The few value types an exported column can have, and how each is written: its Parquet schema
 * element and value, and its CSV text. Both encoders read these, so a column is typed once.
 */
import type { SchemaElement } from 'hyparquet-writer';
import { calendarDay, isoTime } from '@/lib/calendar';
import { csvField } from './csvField';

/** What a column's cells are, as the tables hand them over. */
interface CellOf {
  text: string;
  int: number;
  double: number;
  boolean: boolean;
  /** Epoch seconds. */
  instant: number;
  /** Days since 1970-01-01 of the system's local calendar. */
  localDay: number;
}
export type ColumnType = keyof CellOf;

interface TypedColumn<Row, T extends ColumnType> {
  name: string;
  type: T;
  nullable?: boolean;
  /** What the column holds (docs/export.md lists the same). */
  description: string;
  cell(row: Row, timeZone: string): CellOf[T] | null;
}

export type ExportColumn<Row> = { [T in ColumnType]: TypedColumn<Row, T> }[ColumnType];

/** Instants as UTC-adjusted milliseconds: DuckDB, pandas and Spark all read them as absolute instants. */
const PARQUET_ELEMENT: Record<ColumnType, Omit<SchemaElement, 'name' | 'repetition_type'>> = {
  text: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  int: { type: 'INT32' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  instant: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } },
  localDay: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
};

export function parquetElement<Row>(column: ExportColumn<Row>): SchemaElement {
  return { name: column.name, ...PARQUET_ELEMENT[column.type], repetition_type: column.nullable ? 'OPTIONAL' : 'REQUIRED' };
}

/** The value hyparquet-writer takes for the column's cell of `row`. */
export function parquetValue<Row>(column: ExportColumn<Row>, row: Row, timeZone: string): string | number | boolean | null {
  if (column.type === 'instant') {
    const seconds = column.cell(row, timeZone);
    return seconds === null ? null : Math.round(seconds * 1000);
  }
  return column.cell(row, timeZone);
}

export function csvText<Row>(column: ExportColumn<Row>, row: Row, timeZone: string): string {
  switch (column.type) {
    case 'text': {
      const text = column.cell(row, timeZone);
      return text === null ? '' : csvField(text);
    }
    case 'instant': {
      const seconds = column.cell(row, timeZone);
      return seconds === null ? '' : isoTime(seconds);
    }
    case 'localDay': {
      const day = column.cell(row, timeZone);
      return day === null ? '' : calendarDay(day);
    }
    default: {
      const value = column.cell(row, timeZone);
      return value === null ? '' : String(value);
    }
  }
}
