/**
 * Bulk inserts through COPY … FROM STDIN on a Postgres server, for the bulk path's largest
 * tables. Against unnest() (db/unnestRows.ts) COPY skips the array literals (built in Node,
 * parsed again by the server) and the statement's parameters: on the shared 2-core machine a
 * batch of 20,000 raw statuses took 0.2–0.8 s this way against ~0.85 s through unnest(). The values go in COPY's text format,
 * each converted exactly as the unnest statements convert them, so the stored rows are the same
 * bit for bit: an epoch in seconds becomes the timestamp `to_timestamp(float8)` gives.
 *
 * Only on postgres.js: PGlite's COPY reads a whole blob through its virtual file system and was
 * measured no faster there than unnest (README, "### Import"), so the callers keep unnest on it.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Executor } from './rows';

interface PostgresJsCopy {
  unsafe(query: string): { writable(): Promise<NodeJS.WritableStream> };
}

/** The postgres.js client under a drizzle transaction, or null on PGlite. */
function postgresClient(tx: Executor): PostgresJsCopy | null {
  const client = (tx as { session?: { client?: unknown } }).session?.client as Partial<PostgresJsCopy> & { query?: unknown } | undefined;
  return client && typeof client.unsafe === 'function' ? (client as PostgresJsCopy) : null;
}

/** Whether copyRows can run on this executor (a Postgres server). */
export function canCopy(tx: Executor): boolean {
  return postgresClient(tx) !== null;
}

/** Seconds between 1970-01-01 and Postgres's epoch, 2000-01-01. */
const POSTGRES_EPOCH_SECONDS = 946_684_800;

/** Round half to even, as C's rint() under the default rounding mode. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The timestamptz literal of `to_timestamp(seconds)`: Postgres 15's float8_timestamptz computes
 * rint((seconds − 946684800) × 10⁶) microseconds after its epoch, in doubles; so does this.
 */
export function epochLiteral(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new RangeError(`not a finite time: ${seconds}`);
  const micros = rint((seconds - POSTGRES_EPOCH_SECONDS) * 1e6) + POSTGRES_EPOCH_SECONDS * 1e6;
  const whole = Math.floor(micros / 1e6);
  const fraction = micros - whole * 1e6;
  const iso = new Date(whole * 1000).toISOString();
  // Past year 9999 (or before year 0) JavaScript writes ±YYYYYY, which Postgres does not read: refused.
  if (iso.length !== 24) throw new RangeError(`a time outside years 1–9999: ${seconds}`);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(fraction).padStart(6, '0')}+00`;
}

/** Literals of recent times: a series repeats its feed times and last_reported values row after row. */
const recentLiterals = new Map<number, string>();
const RECENT_LITERALS = 50_000;

function cachedEpochLiteral(seconds: number): string {
  let literal = recentLiterals.get(seconds);
  if (literal === undefined) {
    if (recentLiterals.size >= RECENT_LITERALS) recentLiterals.clear();
    literal = epochLiteral(seconds);
    recentLiterals.set(seconds, literal);
  }
  return literal;
}

/** COPY's text format escapes the backslash and the characters that end a field or a row. */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const escapeChar = (c: string) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');

const NULL = '\\N';

/**
 * One value in COPY's text format, by the column's type; null is `\N`. Each gives what the
 * unnest statements' array literals give the same column (db/unnestRows.ts), so that the server
 * reads the same value either way.
 */
export const copyField = {
  text: (value: string | null): string => (value === null ? NULL : NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, escapeChar) : value),
  int: (value: number | null): string => {
    if (value === null) return NULL;
    if (!Number.isInteger(value)) throw new TypeError(`not an integer: ${value}`);
    return String(value);
  },
  /** Shortest round-trip form, read back by float8in as the same double. */
  float8: (value: number | null): string => {
    if (value === null) return NULL;
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  },
  boolean: (value: boolean | null): string => (value === null ? NULL : value ? 't' : 'f'),
  /** An epoch in seconds, as the timestamptz `to_timestamp(value)` gives. */
  epoch: (value: number | null): string => (value === null ? NULL : cachedEpochLiteral(value)),
};

/**
 * `copy table (columns) from stdin` in the caller's transaction (a Postgres server: check
 * canCopy), each row written by `line` (its fields by copyField, joined by tabs). `table` and
 * the column names are the caller's constants, never input. Returns false, having sent nothing,
 * when a value has no text form here (a time past year 9999): the caller then writes the rows as
 * it would otherwise.
 */
export async function copyRows<Row>(tx: Executor, table: string, columns: readonly string[], rows: readonly Row[], line: (row: Row) => string): Promise<boolean> {
  if (rows.length === 0) return true;
  const client = postgresClient(tx);
  if (client === null) throw new Error('COPY needs a Postgres server (postgres.js)');
  let text: Buffer;
  try {
    const lines = new Array<string>(rows.length + 1);
    for (let i = 0; i < rows.length; i++) lines[i] = line(rows[i]);
    // The last line ends too.
    lines[rows.length] = '';
    text = Buffer.from(lines.join('\n'));
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
  const writable = await client.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  await pipeline(Readable.from([text]), writable);
  return true;
}
