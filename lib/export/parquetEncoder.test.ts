/** The Parquet encoder, read back by DuckDB: every column type, nulls, row groups, metadata, an empty file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { duckdbRows, fileLiteral } from '@/test/support/duckdb';
import type { ExportColumn } from './columnTypes';
import { parquetEncoder } from './parquetEncoder';

interface Row {
  id: string;
  label: string | null;
  count: number;
  ratio: number;
  flag: boolean;
  moment: number;
  seen: number | null;
}

const COLUMNS: ExportColumn<Row>[] = [
  { name: 'id', type: 'text', description: '', cell: (r) => r.id },
  { name: 'label', type: 'text', nullable: true, description: '', cell: (r) => r.label },
  { name: 'count', type: 'int', description: '', cell: (r) => r.count },
  { name: 'ratio', type: 'double', description: '', cell: (r) => r.ratio },
  { name: 'flag', type: 'boolean', description: '', cell: (r) => r.flag },
  { name: 'moment', type: 'instant', description: '', cell: (r) => r.moment },
  { name: 'day', type: 'localDay', description: '', cell: (r) => Math.floor(r.moment / 86_400) },
  { name: 'seen', type: 'instant', nullable: true, description: '', cell: (r) => r.seen },
];

const JUNE_3 = Date.UTC(2025, 5, 3) / 1000;
const rows: Row[] = Array.from({ length: 10 }, (_, i) => ({
  id: `s${i}`,
  label: i % 3 === 0 ? null : `Rue "${i}", Paris`,
  count: i * 7 - 20,
  ratio: i / 3,
  flag: i % 2 === 0,
  moment: JUNE_3 + i * 3600,
  seen: i % 4 === 0 ? null : JUNE_3 + i * 3600 - 59,
}));

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'parquet-encoder-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function writeFile(name: string, chunks: Uint8Array[]): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}

const options = { timeZone: 'Europe/Paris', metadata: { system: 'paris', timezone: 'Europe/Paris' }, createdBy: 'test writer', rowGroupRows: 4 };

describe('parquetEncoder', () => {
  it('hands out each row group as soon as it is full, and the footer at the end', () => {
    const encoder = parquetEncoder(COLUMNS, options);
    const opening = encoder.start();
    expect(Buffer.concat(opening).toString('latin1')).toBe('PAR1');
    expect(encoder.add(rows.slice(0, 3))).toEqual([]);
    expect(encoder.add(rows.slice(3, 5)).length).toBeGreaterThan(0);
    const rest = encoder.end();
    expect(Buffer.concat(rest).subarray(-4).toString('latin1')).toBe('PAR1');
  });

  it('writes typed columns that DuckDB reads back as they were', async () => {
    const encoder = parquetEncoder(COLUMNS, options);
    const file = writeFile('typed.parquet', [...encoder.start(), ...encoder.add(rows.slice(0, 6)), ...encoder.add(rows.slice(6)), ...encoder.end()]);
    const source = `read_parquet(${fileLiteral(file)})`;
    const types = await duckdbRows(`select column_name, column_type from (describe select * from ${source})`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toEqual({
      id: 'VARCHAR',
      label: 'VARCHAR',
      count: 'INTEGER',
      ratio: 'DOUBLE',
      flag: 'BOOLEAN',
      moment: 'TIMESTAMP WITH TIME ZONE',
      day: 'DATE',
      seen: 'TIMESTAMP WITH TIME ZONE',
    });
    const back = await duckdbRows(
      `select id, label, count, ratio, flag, epoch(moment)::bigint::int as moment, day::varchar as day, epoch(seen)::bigint::int as seen from ${source}`,
    );
    expect(back).toEqual(rows.map((r) => ({ ...r, day: new Date(r.moment * 1000).toISOString().slice(0, 10) })));
    const groups = await duckdbRows(`select count(distinct row_group_id)::int as groups from parquet_metadata(${fileLiteral(file)})`);
    expect(groups).toEqual([{ groups: 3 }]);
    const metadata = await duckdbRows(`select decode(key) as key, decode(value) as value from parquet_kv_metadata(${fileLiteral(file)})`);
    expect(metadata).toEqual([
      { key: 'system', value: 'paris' },
      { key: 'timezone', value: 'Europe/Paris' },
    ]);
    const [footer] = await duckdbRows(`select created_by from parquet_file_metadata(${fileLiteral(file)})`);
    expect(footer.created_by).toBe('test writer');
  });

  it('writes a valid file with the schema and no row for an empty period', async () => {
    const encoder = parquetEncoder(COLUMNS, options);
    const file = writeFile('empty.parquet', [...encoder.start(), ...encoder.add([]), ...encoder.end()]);
    expect(await duckdbRows(`select count(*)::int as n from read_parquet(${fileLiteral(file)})`)).toEqual([{ n: 0 }]);
    const columns = await duckdbRows(`select column_name from (describe select * from read_parquet(${fileLiteral(file)}))`);
    expect(columns.map((c) => c.column_name)).toEqual(COLUMNS.map((c) => c.name));
  });
});
