/**
 * GET /api/export's answer: the file as an attachment, streamed. A failure after the first bytes
 * can no longer become a JSON error: the download is cut (a Parquet file without its footer does
 * not open) and the failure is logged.
 */
import type { ExportQuery } from './schemas';
import { describeError } from '@/lib/errors';
import { logEvent } from '@/lib/log';
import { openExport } from './exportPeriod';

export async function exportResponse(query: ExportQuery): Promise<Response> {
  const file = await openExport(query);
  const onError = (error: unknown) =>
    logEvent('error', 'export.failed', { system: file.system.id, table: query.table, format: query.format, rows: file.progress.rows, error: describeError(error) });
  return new Response(readableStreamOf(file.chunks, onError), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      // The period may include today, which changes with every poll.
      'cache-control': 'no-store',
    },
  });
}

/**
 * An async iterable of chunks as a web ReadableStream that pulls one chunk when the consumer wants
 * one: a slow client slows the export down instead of filling memory. A client that goes away
 * ends the iterable, so the export stops reading the database.
 */
export function readableStreamOf(chunks: AsyncIterable<Uint8Array>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
