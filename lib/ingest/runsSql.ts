/** The run log: one row per poll attempt, whatever happened. */
import { sql } from 'drizzle-orm';
import type { IngestStatus } from '../../db/schema';
import { queryRows, type Executor } from '../../db/rows';

export interface RunRecord {
  systemId: string;
  trigger: 'cron' | 'scheduler' | 'cli' | 'test' | 'demo';
  /** epoch ms */
  startedAt: number;
  /** epoch ms */
  finishedAt: number;
  status: IngestStatus;
  httpStatus?: number | null;
  error?: string | null;
  failureKind?: string | null;
  reason?: string | null;
  /** epoch s */
  feedTime?: number | null;
  stationsSeen?: number;
  rowsWritten?: number;
  skipped?: Record<string, number>;
}

export async function insertRun(executor: Executor, run: RunRecord): Promise<number> {
  const [row] = await queryRows<{ id: number | string }>(
    executor,
    sql`insert into ingest_runs (system_id, trigger, started_at, finished_at, status, http_status, error, failure_kind, reason,
          feed_time, stations_seen, rows_written, skipped, duration_ms)
        values (${run.systemId}, ${run.trigger}, to_timestamp(${run.startedAt / 1000}), to_timestamp(${run.finishedAt / 1000}),
          ${run.status}, ${run.httpStatus ?? null}, ${run.error ?? null}, ${run.failureKind ?? null}, ${run.reason ?? null},
          ${run.feedTime == null ? null : sql`to_timestamp(${run.feedTime})`}, ${run.stationsSeen ?? 0},
          ${run.rowsWritten ?? 0}, ${JSON.stringify(run.skipped ?? {})}::jsonb, ${Math.round(run.finishedAt - run.startedAt)})
        returning id`,
  );
  return Number(row.id);
}
