/**
 * Rows into CSV (UTF-8, RFC 4180 quoting), a page at a time: a header line, then a line per row.
 * Lines end in \n like the hotspots CSV (lib/hotspots/formats.ts); a line break inside a name is quoted.
 */
import { csvField } from './csvField';
import { csvText, type ExportColumn } from './columnTypes';
import type { FileEncoder } from './fileEncoder';

export function csvEncoder<Row>(columns: ExportColumn<Row>[], timeZone: string): FileEncoder<Row> {
  const encoder = new TextEncoder();
  return {
    start: () => [encoder.encode(columns.map((c) => csvField(c.name)).join(',') + '\n')],
    add(rows) {
      if (rows.length === 0) return [];
      let text = '';
      for (const row of rows) text += columns.map((column) => csvText(column, row, timeZone)).join(',') + '\n';
      return [encoder.encode(text)];
    },
    end: () => [],
  };
}
