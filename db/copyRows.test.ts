import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/test/support/databases';
import { binaryCopyPayload, copyRows, epochMicros, type CopyColumn } from './copyRows';
import { queryRows } from './rows';
import { unnestRows, type UnnestColumn } from './unnestRows';

describe('COPY binary fields', () => {
  it('gives an epoch the microseconds to_timestamp gives, and refuses what Postgres cannot hold', () => {
    expect(epochMicros(946_684_800)).toBe(0n);
    expect(epochMicros(0)).toBe(-946_684_800_000_000n);
    expect(epochMicros(1_780_000_000.25)).toBe(833_315_200_250_000n);
    // Rounded to the microsecond in doubles, as Postgres rounds: the server test below compares with to_timestamp.
    expect(epochMicros(946_684_800.0000004)).toBe(0n);
    expect(() => epochMicros(Number.NaN)).toThrow(RangeError);
    expect(() => epochMicros(1e13)).toThrow(RangeError);
  });

  it('frames rows as Postgres reads them: signature, a field count per row, lengths, -1 for null, trailer', () => {
    const columns: CopyColumn<{ id: string | null; n: number }>[] = [
      { name: 'id', type: 'text', value: (r) => r.id },
      { name: 'n', type: 'int4', value: (r) => r.n },
    ];
    const payload = binaryCopyPayload(columns, [{ id: 'é', n: -2 }, { id: null, n: 7 }]);
    expect(payload.subarray(0, 19).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0');
    expect([...payload.subarray(19)]).toEqual([
      0, 2, 0, 0, 0, 2, 0xc3, 0xa9, 0, 0, 0, 4, 0xff, 0xff, 0xff, 0xfe,
      0, 2, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 4, 0, 0, 0, 7,
      0xff, 0xff,
    ]);
    expect(() => binaryCopyPayload(columns, [{ id: 'x', n: 1.5 }])).toThrow(/n: not a 32-bit integer/);
    expect(() => binaryCopyPayload(columns, [{ id: 'x', n: 2 ** 31 }])).toThrow(TypeError);
  });
});

interface Row {
  label: string | null;
  count: number | null;
  share: number | null;
  flag: boolean | null;
  at: number | null;
}

/** Values each encoding could get wrong: escapes, accents, nulls, doubles' last bits, fractional and pre-1970 times. */
const ROWS: Row[] = [
  { label: 'Gare de l’Est\ttab\nnewline\\backslash', count: -2_147_483_648, share: 0.1 + 0.2, flag: true, at: 1_780_000_000.123456 },
  { label: 'Vélodrome – 北京 😀', count: 2_147_483_647, share: -0, flag: false, at: -1.5 },
  { label: '', count: 0, share: 5e-324, flag: null, at: 946_684_800.0000025 },
  { label: null, count: null, share: null, flag: true, at: null },
  { label: 'big', count: 1, share: 1.7976931348623157e308, flag: false, at: 253_402_300_800.5 },
];

const COPY_COLUMNS: CopyColumn<Row>[] = [
  { name: 'label', type: 'text', value: (r) => r.label },
  { name: 'count', type: 'int4', value: (r) => r.count },
  { name: 'share', type: 'float8', value: (r) => r.share },
  { name: 'flag', type: 'bool', value: (r) => r.flag },
  { name: 'at', type: 'epoch', value: (r) => r.at },
];

const UNNEST_COLUMNS: UnnestColumn<Row & { position: number }>[] = [
  { name: 'position', type: 'int', value: (r) => r.position },
  { name: 'label', type: 'text', value: (r) => r.label },
  { name: 'count', type: 'int', value: (r) => r.count },
  { name: 'share', type: 'float8', value: (r) => r.share },
  { name: 'flag', type: 'boolean', value: (r) => r.flag },
  { name: 'at', type: 'float8', value: (r) => r.at },
];

describe('COPY binary on a Postgres server', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(() => database?.close());

  it('stores every value as the unnest statements store it, to the bit', async () => {
    const stored = await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table copied (position serial, label text, count int, share float8, flag boolean, at timestamptz) on commit drop`);
      await tx.execute(sql`create temporary table inserted (position int, label text, count int, share float8, flag boolean, at timestamptz) on commit drop`);
      expect(await copyRows(tx, 'copied', COPY_COLUMNS, ROWS)).toBe(true);
      await tx.execute(sql`
        insert into inserted select r.position, r.label, r.count, r.share, r.flag, to_timestamp(r.at)
        from ${unnestRows(ROWS.map((row, i) => ({ ...row, position: i + 1 })), UNNEST_COLUMNS)}`);
      // Doubles compared by their bits (float8send), times by their microseconds.
      const asStored = (table: 'copied' | 'inserted') =>
        queryRows<Record<string, unknown>>(
          tx,
          sql`select position, label, count, encode(float8send(share), 'hex') as share, flag,
                (extract(epoch from at) * 1000000)::numeric as at
              from ${sql.identifier(table)} order by position`,
        );
      return { copied: await asStored('copied'), inserted: await asStored('inserted') };
    });
    expect(stored.copied).toHaveLength(ROWS.length);
    expect(stored.copied).toEqual(stored.inserted);
    // −0 is stored as +0 either way.
    expect(stored.copied[1]).toMatchObject({ label: 'Vélodrome – 北京 😀', share: '0000000000000000', flag: false });
  });

  it('declines, having sent nothing, a time Postgres cannot hold, so the caller takes its other path', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table copied (label text, count int, share float8, flag boolean, at timestamptz) on commit drop`);
      expect(await copyRows(tx, 'copied', COPY_COLUMNS, [{ ...ROWS[0], at: 1e13 }])).toBe(false);
      const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from copied`);
      expect(n).toBe(0);
    });
  });
});
