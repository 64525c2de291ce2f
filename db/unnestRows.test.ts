import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from './client';
import { queryRows } from './rows';
import { arrayLiteral, unnestRows, type UnnestColumn } from './unnestRows';

interface Row {
  id: string;
  n: number | null;
  x: number;
  flag: boolean;
}

const COLUMNS: UnnestColumn<Row>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'n', type: 'int', value: (r) => r.n },
  { name: 'x', type: 'float8', value: (r) => r.x },
  { name: 'flag', type: 'boolean', value: (r) => r.flag },
];

describe('arrayLiteral', () => {
  it('quotes every string and escapes backslashes and double quotes', () => {
    expect(arrayLiteral(['a', 'b"c', 'd\\e', 'NULL'], 'text')).toBe('{"a","b\\"c","d\\\\e","NULL"}');
  });

  it('writes NULL, booleans and numbers bare', () => {
    expect(arrayLiteral([null, 1, 0.1], 'float8')).toBe('{NULL,1,0.1}');
    expect(arrayLiteral([true, false], 'boolean')).toBe('{t,f}');
  });

  it('refuses what Postgres would misread', () => {
    expect(() => arrayLiteral([Number.NaN], 'float8')).toThrow(RangeError);
    expect(() => arrayLiteral(['1'], 'int')).toThrow(TypeError);
  });
});

describe('unnestRows on Postgres (PGlite)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ migrate: false });
  });
  afterAll(() => database.close());

  it('gives back exactly the rows it was given, in order', async () => {
    const rows: Row[] = [
      { id: '1955905507044284968', n: 3, x: 0.1 + 0.2, flag: true },
      { id: 'quote " backslash \\ comma , braces {} space ', n: null, x: -1e-300, flag: false },
      { id: 'NULL', n: -7, x: 123456789.125, flag: true },
      { id: 'é ü 漢字 🚲', n: 0, x: 0, flag: false },
      { id: '', n: 2147483647, x: Number.MAX_VALUE, flag: true },
    ];
    const back = await queryRows<Row>(database.db, sql`select * from ${unnestRows(rows, COLUMNS)}`);
    expect(back).toEqual(rows);
  });

  it('accepts no rows', async () => {
    expect(await queryRows(database.db, sql`select * from ${unnestRows([], COLUMNS)}`)).toEqual([]);
  });
});
