/**
 * A period of a system's hourly rollups or raw statuses as one Parquet or CSV file, produced while
 * it is read: keyset pages of the table go through the format's encoder and leave as byte chunks,
 * so memory holds a page and a row group, never the period. Nothing is read before the first
 * chunk is asked for; an unknown system is refused before that, so a route can still answer 404.
 */
import packageJson from '@/package.json';
import { NotFoundError } from '@/lib/api/errors';
import type { ExportQuery } from './schemas';
import { getConfig } from '@/lib/config';
import { isoTime, localDayWindow } from '@/lib/calendar';
import { getDatabase } from '@/db/client';
import type { InstantRange } from './sql';
import { findSystem, type StoredSystem } from '@/lib/systems/sql';
import type { Executor } from '@/db/rows';
import { csvEncoder } from './csvEncoder';
import type { FileEncoder } from './fileEncoder';
import { parquetEncoder } from './parquetEncoder';
import { HOURLY_TABLE, STATUSES_TABLE, type ExportTable } from './tables';

/** Rows a query reads at once: a few MB of row objects, and few enough round trips for a year. */
export const PAGE_ROWS = 10_000;

export const GENERATOR = `gbfs-hotspots ${packageJson.version}`;

const CONTENT_TYPES = { parquet: 'application/vnd.apache.parquet', csv: 'text/csv; charset=utf-8' } as const;

export interface ExportProgress {
  rows: number;
  bytes: number;
}

export interface ExportFile {
  system: StoredSystem;
  /** The instants of the period's local days: [start of `start`, end of `end`). */
  range: InstantRange;
  fileName: string;
  contentType: string;
  chunks: AsyncIterable<Uint8Array>;
  /** Counts of what `chunks` has produced so far. */
  progress: ExportProgress;
}

export async function openExport(query: ExportQuery, db?: Executor): Promise<ExportFile> {
  const handle = db ?? (await getDatabase()).db;
  const systemId = query.system ?? getConfig().GBFS_SYSTEMS[0].id;
  const system = await findSystem(handle, systemId);
  if (!system) throw new NotFoundError('unknown_system', `unknown system "${systemId}": nothing is stored for it`, 'system');
  const range = {
    start: localDayWindow(query.start, 0, 24, system.timezone).start,
    end: localDayWindow(query.end, 0, 24, system.timezone).end,
  };
  const progress: ExportProgress = { rows: 0, bytes: 0 };
  const metadata = {
    system: system.id,
    timezone: system.timezone,
    table: query.table,
    start: query.start,
    end: query.end,
    period_start: isoTime(range.start),
    period_end: isoTime(range.end),
    generator: GENERATOR,
    exported_at: new Date().toISOString(),
  };
  const chunksOf = <Row>(table: ExportTable<Row>) => {
    const encoder: FileEncoder<Row> =
      query.format === 'parquet'
        ? parquetEncoder(table.columns, { timeZone: system.timezone, metadata, createdBy: GENERATOR })
        : csvEncoder(table.columns, system.timezone);
    const pages = keysetPages<Row>((last) => table.page(handle, system.id, range, last, PAGE_ROWS), PAGE_ROWS);
    return fileChunks(encoder, pages, progress);
  };
  return {
    system,
    range,
    fileName: `${system.id}-${query.table}-${query.start}-${query.end}.${query.format}`,
    contentType: CONTENT_TYPES[query.format],
    chunks: query.table === 'hourly' ? chunksOf(HOURLY_TABLE) : chunksOf(STATUSES_TABLE),
    progress,
  };
}

async function* fileChunks<Row>(encoder: FileEncoder<Row>, pages: AsyncIterable<Row[]>, progress: ExportProgress): AsyncGenerator<Uint8Array> {
  const counted = function* (chunks: Uint8Array[]) {
    for (const chunk of chunks) {
      progress.bytes += chunk.byteLength;
      if (chunk.byteLength > 0) yield chunk;
    }
  };
  yield* counted(encoder.start());
  for await (const rows of pages) {
    progress.rows += rows.length;
    yield* counted(encoder.add(rows));
  }
  yield* counted(encoder.end());
}

/**
 * Pages of rows, each read after the last row of the previous one, until a short page ends the
 * table. The next page is asked for as soon as the current one arrives, so that the database
 * reads it while the caller encodes this one (a Postgres server works on another core).
 */
export async function* keysetPages<Row>(readAfter: (last: Row | null) => Promise<Row[]>, pageRows: number): AsyncGenerator<Row[]> {
  let next: Promise<Row[]> | null = readAhead(readAfter, null);
  while (next) {
    const rows: Row[] = await next;
    next = rows.length >= pageRows ? readAhead(readAfter, rows[rows.length - 1]) : null;
    if (rows.length > 0) yield rows;
  }
}

/**
 * A read whose failure waits for the `await` that wants it: while the consumer is slow (a client
 * downloading) or gone, a rejected read ahead must not count as unhandled, which ends the process.
 */
function readAhead<Row>(readAfter: (last: Row | null) => Promise<Row[]>, last: Row | null): Promise<Row[]> {
  const read = readAfter(last);
  read.catch(() => {});
  return read;
}
