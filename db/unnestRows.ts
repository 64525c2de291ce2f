/**
 * Bulk rows for a poll's inserts as one Postgres array per column, unpacked by unnest():
 * `insert into t (…) select … from ${unnestRows(rows, columns)}`.
 *
 * Why unnest rather than the alternatives, for batches of a few hundred to a few thousand rows
 * inside the poll's transaction (measured with `npm run bench`, see docs/scaling.md):
 * - json_to_recordset (what this replaced) repeats every key in every row, so the payload is
 *   about twice as large, and both Node (encoding) and Postgres (JSON parsing) pay for it;
 * - a multi-row VALUES list needs one bind parameter per value (capped at 65,535, a 5,000-station
 *   system would reach it) and a new statement text, parsed and planned again, per row count;
 * - COPY cannot upsert (the rollups and station states need ON CONFLICT), so it would need a
 *   staging table per poll, and postgres.js and PGlite expose it through different APIs.
 * One array per column keeps one round trip and a fixed, small number of parameters, and the
 * text form is the same for postgres.js and PGlite.
 */
import { sql, type SQL } from 'drizzle-orm';

type ColumnType = 'text' | 'int' | 'bigint' | 'float8' | 'boolean';
type Value = string | number | boolean | null;

export interface UnnestColumn<Row> {
  name: string;
  type: ColumnType;
  value: (row: Row) => Value;
}

const ESCAPED = /[\\"]/;
/** Inside a double-quoted array element only the backslash and the double quote need escaping. */
const quoted = (text: string) => (ESCAPED.test(text) ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`);

function element(value: Value, type: ColumnType): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    // Shortest round-trip form: float8 columns get exactly the JavaScript double.
    return String(value);
  }
  if (type !== 'text') throw new TypeError(`a string for a ${type} column: ${value}`);
  return quoted(value);
}

/** Postgres array literal of one column's values, e.g. {"a","b\"c",NULL}. */
export function arrayLiteral(values: readonly Value[], type: ColumnType): string {
  // Built by concatenation, not map and join: an import builds millions of elements.
  let literal = '{';
  for (let i = 0; i < values.length; i++) literal += (i === 0 ? '' : ',') + element(values[i], type);
  return literal + '}';
}

/** `unnest($1::text[], $2::int[], …) as r(col1, col2, …)`: a row source for insert … select. */
export function unnestRows<Row>(rows: readonly Row[], columns: readonly UnnestColumn<Row>[]): SQL {
  const arrays = columns.map(
    (column) => sql`${arrayLiteral(rows.map(column.value), column.type)}::${sql.raw(column.type)}[]`,
  );
  const names = columns.map((column) => sql.identifier(column.name));
  return sql`unnest(${sql.join(arrays, sql`, `)}) as r(${sql.join(names, sql`, `)})`;
}
