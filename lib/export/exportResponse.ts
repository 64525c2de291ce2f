/**
 * GET /api/export's answer: the file as an attachment, streamed. A failure after the first bytes
 * can no longer become a JSON error: the download is cut (a Parquet file without its footer does
 * not open) and the failure is logged.
 */
import type { ExportQuery } from '@/lib/export/schemas';
import { describeError } from '@/lib/errors';
import { logEvent } from '@/lib/log';
import { openExport } from './exportPeriod';
import { readableStreamOf } from './readableStream';

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
