/** docs/export.md describes the files as they are: every column of each table, in order, with its type and meaning. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ColumnType, ExportColumn } from './columnTypes';
import { HOURLY_TABLE, STATUSES_TABLE } from './tables';

const DOC_TYPE: Record<ColumnType, string> = {
  text: 'STRING',
  int: 'INT32',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  instant: 'TIMESTAMP',
  localDay: 'DATE',
};

const docs = fs.readFileSync('docs/export.md', 'utf8');

/** The column rows of the table under the heading that starts with "### `name`". */
function documentedRows(table: string): string[] {
  const section = docs.split('\n### ').find((s) => s.startsWith(`\`${table}\``));
  return (section ?? '').split('\n').filter((line) => /^\| `/.test(line));
}

describe.each([HOURLY_TABLE, STATUSES_TABLE] as Array<{ name: string; columns: ExportColumn<never>[] }>)('docs/export.md, table $name', (table) => {
  it('lists every column in file order with its Parquet type, nullability and meaning', () => {
    const expected = table.columns.map((c) => `| \`${c.name}\` | ${DOC_TYPE[c.type]} | ${c.nullable ? 'yes' : 'no'} | ${c.description} |`);
    expect(documentedRows(table.name)).toEqual(expected);
  });
});
