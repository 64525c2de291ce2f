/**
 * Bulk inserts through COPY … FROM STDIN in PostgreSQL's binary format on a Postgres server, for
 * the bulk path's largest tables. Against unnest() (db/unnestRows.ts) COPY skips the array
 * literals (built in Node, parsed again by the server) and the statement's parameters; its binary
 * format skips the server's parsing of every number and time too. Measured on a million raw
 * statuses into station_status (bench:import's figures are in the README): the text format took
 * 1.5–2.4 s to build here and 8.9 s of the server's CPU; binary, 0.8–1.2 s and 7.8 s; binary with
 * each batch's rows grouped by station (the caller's doing), 5.2–5.8 s of the server's CPU. Times
 * written without a BigInt each: 0.5–0.6 s to build.
 *
 * Each value goes as the unnest statements would have stored it, so the stored rows are the same
 * bit for bit: a double as its own 8 bytes (−0 as +0), an epoch in seconds as the microseconds
 * `to_timestamp(float8)` computes.
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

/** Postgres 15's timestamps (IS_VALID_TIMESTAMP): from 4714-11-24 BC (Julian day 0) to before 294277-01-01, in microseconds after 2000-01-01. */
const FIRST_MICROS = -211_813_488_000_000_000;
const END_MICROS = 9_223_371_331_200_000_000;

/**
 * The timestamptz `to_timestamp(seconds)` stores, in microseconds after 2000-01-01: Postgres 15's
 * float8_timestamptz computes rint((seconds − 946684800) × 10⁶) in doubles; so does this. The
 * result is a whole double; written as two 32-bit halves, exactly, without a BigInt per value.
 */
function epochMicrosDouble(seconds: number): number {
  if (!Number.isFinite(seconds)) throw new TimeOutOfRangeError(`not a finite time: ${seconds}`);
  const micros = rint((seconds - POSTGRES_EPOCH_SECONDS) * 1e6);
  if (micros < FIRST_MICROS || micros >= END_MICROS) throw new TimeOutOfRangeError(`a time outside Postgres's range: ${seconds}`);
  return micros;
}

/** A time no timestamptz holds: copyRows declines the rows, and the caller's other path meets the server's refusal. */
class TimeOutOfRangeError extends RangeError {}

export function epochMicros(seconds: number): bigint {
  return BigInt(epochMicrosDouble(seconds));
}

const TWO_32 = 4_294_967_296;

/** A column as COPY sends it: its name, its Postgres type, and the row's value (null for NULL). */
export type CopyColumn<Row> = { name: string } & (
  | { type: 'text'; value: (row: Row) => string | null }
  | { type: 'int4'; value: (row: Row) => number | null }
  | { type: 'float8'; value: (row: Row) => number | null }
  | { type: 'bool'; value: (row: Row) => boolean | null }
  /** A timestamptz given as an epoch in seconds. */
  | { type: 'epoch'; value: (row: Row) => number | null }
);

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Fixed-size fields take at most 4 bytes of length and 8 of value. */
const FIXED_FIELD_BYTES = 12;

/** The bytes of one COPY in binary format: header, a tuple per row, trailer. */
class BinaryCopyWriter {
  private buffer: Buffer;
  private offset = 0;

  constructor(expectedBytes: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, expectedBytes));
    this.buffer.set(SIGNATURE, 0);
    this.offset = SIGNATURE.length;
    this.int32(0); // flags: no OIDs
    this.int32(0); // header extension: none
  }

  /** Room for `bytes` more. */
  ensure(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }

  int16(value: number): void {
    this.offset = this.buffer.writeInt16BE(value, this.offset);
  }

  int32(value: number): void {
    this.offset = this.buffer.writeInt32BE(value, this.offset);
  }

  field<Row>(column: CopyColumn<Row>, row: Row): void {
    const value = column.value(row);
    if (value === null) return this.int32(-1);
    switch (column.type) {
      case 'text': {
        const text = value as string;
        this.ensure(4 + 3 * text.length);
        const length = this.buffer.write(text, this.offset + 4, 'utf8');
        this.int32(length);
        this.offset += length;
        return;
      }
      case 'int4':
        if (!Number.isInteger(value) || (value as number) < -2_147_483_648 || (value as number) > 2_147_483_647) {
          throw new TypeError(`${column.name}: not a 32-bit integer: ${value}`);
        }
        this.int32(4);
        this.offset = this.buffer.writeInt32BE(value as number, this.offset);
        return;
      case 'float8':
        if (!Number.isFinite(value)) throw new TypeError(`${column.name}: not a finite number: ${value}`);
        this.int32(8);
        // unnest's array literal and the text format write −0 as "0", stored as +0: the same here.
        this.offset = this.buffer.writeDoubleBE(Object.is(value, -0) ? 0 : (value as number), this.offset);
        return;
      case 'bool':
        this.int32(1);
        this.buffer[this.offset++] = value ? 1 : 0;
        return;
      case 'epoch': {
        const micros = epochMicrosDouble(value as number);
        const high = Math.floor(micros / TWO_32);
        this.int32(8);
        this.offset = this.buffer.writeInt32BE(high, this.offset);
        this.offset = this.buffer.writeUInt32BE(micros - high * TWO_32, this.offset);
        return;
      }
    }
  }

  row<Row>(columns: readonly CopyColumn<Row>[], row: Row): void {
    this.ensure(2 + columns.length * FIXED_FIELD_BYTES);
    this.int16(columns.length);
    for (const column of columns) this.field(column, row);
  }

  finish(): Buffer {
    this.ensure(2);
    this.int16(-1);
    return this.buffer.subarray(0, this.offset);
  }
}

/** The binary COPY payload of `rows`: exported for its tests. */
export function binaryCopyPayload<Row>(columns: readonly CopyColumn<Row>[], rows: readonly Row[]): Buffer {
  const writer = new BinaryCopyWriter(32 + rows.length * (2 + columns.length * FIXED_FIELD_BYTES));
  for (const row of rows) writer.row(columns, row);
  return writer.finish();
}

/**
 * `copy table (columns) from stdin (format binary)` in the caller's transaction (a Postgres
 * server: check canCopy). `table` and the column names are the caller's constants, never input.
 * Returns false, having sent nothing, when a time lies outside Postgres's range: the caller then
 * writes the rows as it would otherwise, and meets the server's own refusal there.
 */
export async function copyRows<Row>(tx: Executor, table: string, columns: readonly CopyColumn<Row>[], rows: readonly Row[]): Promise<boolean> {
  if (rows.length === 0) return true;
  const client = postgresClient(tx);
  if (client === null) throw new Error('COPY needs a Postgres server (postgres.js)');
  let payload: Buffer;
  try {
    payload = binaryCopyPayload(columns, rows);
  } catch (error) {
    if (error instanceof TimeOutOfRangeError) return false;
    throw error;
  }
  const writable = await client.unsafe(`copy ${table} (${columns.map((column) => column.name).join(', ')}) from stdin (format binary)`).writable();
  await pipeline(Readable.from([payload]), writable);
  return true;
}
