/**
 * Rows into a Parquet file (hyparquet-writer), one row group at a time: the rows of a group are
 * held as column arrays until it is full, encoded, and handed out, then dropped. Memory is
 * bounded by the row group, whatever the length of the period.
 */
import { ParquetWriter, type KeyValue } from 'hyparquet-writer';
import { parquetElement, parquetValue, type ExportColumn } from './columnTypes';
import { ChunkWriter } from './chunkWriter';
import type { FileEncoder } from './fileEncoder';

/** Large enough for readers to skip by statistics and compress well, small enough for a 64 MB heap. */
export const ROW_GROUP_ROWS = 50_000;

export interface ParquetFileOptions {
  timeZone: string;
  /** Key-value metadata of the file's footer. */
  metadata: Record<string, string>;
  createdBy: string;
  rowGroupRows?: number;
}

export function parquetEncoder<Row>(columns: ExportColumn<Row>[], options: ParquetFileOptions): FileEncoder<Row> {
  const rowGroupRows = options.rowGroupRows ?? ROW_GROUP_ROWS;
  const writer = new ChunkWriter();
  const kvMetadata: KeyValue[] = Object.entries(options.metadata).map(([key, value]) => ({ key, value }));
  const parquet = new ParquetWriter({
    writer,
    schema: [{ name: 'schema', num_children: columns.length }, ...columns.map(parquetElement)],
    kvMetadata,
    createdBy: options.createdBy,
  });
  let group = columns.map((): Array<string | number | boolean | null> => []);
  let groupRows = 0;

  const writeGroup = () => {
    if (groupRows === 0) return;
    // The writer is synchronous here: ChunkWriter.flush returns nothing to wait for.
    void parquet.write({ columnData: columns.map((column, i) => ({ name: column.name, data: group[i] })), rowGroupSize: groupRows });
    group = columns.map(() => []);
    groupRows = 0;
  };

  return {
    start: () => writer.take(),
    add(rows) {
      for (const row of rows) {
        for (let i = 0; i < columns.length; i++) group[i].push(parquetValue(columns[i], row, options.timeZone));
        if (++groupRows >= rowGroupRows) writeGroup();
      }
      return writer.take();
    },
    end() {
      writeGroup();
      void parquet.finish();
      return writer.take();
    },
  };
}
