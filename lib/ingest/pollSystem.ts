/** One poll of one system: extract + transform (lib/gbfs), load (storePoll), and a run log either way. */
import { type AppConfig, getConfig } from '@/lib/config';
import { fetchSnapshot } from '@/lib/gbfs/fetchSnapshot';
import { FeedHttpError } from '@/lib/gbfs/http';
import { skippedOf } from '@/lib/gbfs/snapshot';
import type { SystemInfo } from '@/lib/gbfs/types';
import type { SystemConfig } from '@/lib/systems/catalog';
import { type Db, getDatabase } from '@/db/client';
import { isConnectionLost } from '@/db/connectionLoss';
import { insertRun, type RunRecord } from './sql';
import type { IngestStatus } from '@/db/schema';
import { rememberSystem } from '@/lib/systems/store';
import { describeError } from '@/lib/errors';
import { isoTime } from '@/lib/calendar';
import { logEvent } from '@/lib/log';
import { recordPoll } from '@/lib/operations/pollMetrics';
import { classifyFailure, type FailureKind } from './failure';
import { runAfterPollSteps } from './afterPoll';
import { storePoll } from './storePoll';
import { systemsToPoll } from '@/lib/systems/listed';

export interface RunSummary {
  system: string;
  runId: number | null;
  status: IngestStatus;
  /** ISO time of the feed, when one was read. */
  feedTime: string | null;
  stationsSeen: number;
  /** The ttl (s) the station_status feed announced; null when none was read or it gave none. */
  ttlSeconds: number | null;
  rowsWritten: number;
  rollupRows: number;
  skipped: Record<string, number>;
  durationMs: number;
  httpStatus?: number | null;
  /** The technical message of a failure (URL and cause), for the operator. */
  error?: string;
  failureKind?: FailureKind;
  /** A failure in words a person understands. */
  reason?: string;
}

export type IngestSettings = Pick<AppConfig, 'FETCH_TIMEOUT_MS' | 'FETCH_MAX_BYTES' | 'FETCH_RETRIES' | 'MAX_GAP_SECONDS'> &
  Partial<Pick<AppConfig, 'RAW_RETENTION_DAYS'>>;

async function recordFailure(db: Db, base: Pick<RunRecord, 'systemId' | 'trigger' | 'startedAt'>, error: unknown, feedTime: number | null): Promise<RunSummary> {
  const message = describeError(error);
  const { kind: failureKind, reason } = classifyFailure(error);
  const httpStatus = error instanceof FeedHttpError ? error.status : null;
  const finishedAt = Date.now();
  let runId: number | null = null;
  // A connection lost with the poll's (a restarted server ends them all) fails the first try; a second one reconnects.
  for (let attempt = 1; attempt <= 2 && runId === null; attempt++) {
    try {
      runId = await insertRun(db, { ...base, finishedAt, status: 'failed', httpStatus, error: message, failureKind, reason, feedTime });
    } catch (logError) {
      if (attempt === 2 || !isConnectionLost(logError)) {
        logEvent('error', 'ingest.log_failed', { system: base.systemId, error: describeError(logError) });
        break;
      }
    }
  }
  const summary: RunSummary = {
    system: base.systemId,
    runId,
    status: 'failed',
    feedTime: isoTime(feedTime),
    stationsSeen: 0,
    ttlSeconds: null,
    rowsWritten: 0,
    rollupRows: 0,
    skipped: {},
    durationMs: finishedAt - base.startedAt,
    httpStatus,
    error: message,
    failureKind,
    reason,
  };
  logEvent('error', 'ingest.failed', { ...summary });
  return summary;
}

/** The page can name a system and tell its local day as soon as its system_information was read. */
async function rememberSystemInfo(db: Db, system: SystemConfig, info: SystemInfo): Promise<void> {
  try {
    await rememberSystem(db, { id: system.id, name: info.name, timezone: info.timezone, gbfsUrl: system.gbfsUrl });
  } catch (error) {
    logEvent('warn', 'ingest.system_info_not_kept', { system: system.id, error: describeError(error) });
  }
}

async function pollOnce(db: Db, system: SystemConfig, trigger: RunRecord['trigger'], settings: IngestSettings, catchingUp: boolean): Promise<RunSummary> {
  const base = { systemId: system.id, trigger, startedAt: Date.now() };
  let snapshot;
  let systemInfo: SystemInfo | null = null;
  try {
    snapshot = await fetchSnapshot(
      system.id,
      system.gbfsUrl,
      { timeoutMs: settings.FETCH_TIMEOUT_MS, maxBytes: settings.FETCH_MAX_BYTES, retries: settings.FETCH_RETRIES, auth: system.auth },
      { onSystemInfo: (info) => (systemInfo = info) },
    );
  } catch (error) {
    if (systemInfo) await rememberSystemInfo(db, system, systemInfo);
    return recordFailure(db, base, error, null);
  }
  try {
    const result = await storePoll(db, {
      systemId: system.id,
      gbfsUrl: system.gbfsUrl,
      snapshot,
      maxGapSeconds: settings.MAX_GAP_SECONDS,
      run: base,
    });
    const summary: RunSummary = {
      system: system.id,
      runId: result.runId,
      status: result.status,
      feedTime: isoTime(snapshot.feedTime),
      stationsSeen: snapshot.statuses.length,
      ttlSeconds: snapshot.ttl,
      rowsWritten: result.statusRows + result.versionRows,
      rollupRows: result.rollupRows,
      skipped: skippedOf(snapshot),
      durationMs: Date.now() - base.startedAt,
    };
    logEvent('info', 'ingest.done', { ...summary });
    if (result.status === 'ok') {
      const stored = { id: system.id, timezone: snapshot.system.timezone };
      await runAfterPollSteps({ db, system: stored, feedTime: snapshot.feedTime, retentionDays: settings.RAW_RETENTION_DAYS, catchingUp });
    }
    return summary;
  } catch (error) {
    return recordFailure(db, base, error, snapshot.feedTime);
  }
}

/** One poll of one system, whatever its outcome counted in the metrics (lib/operations/pollMetrics.ts). */
export async function pollSystem(
  db: Db,
  system: SystemConfig,
  trigger: RunRecord['trigger'],
  settings: IngestSettings,
  { catchingUp = false }: { catchingUp?: boolean } = {},
): Promise<RunSummary> {
  const summary = await pollOnce(db, system, trigger, settings, catchingUp);
  recordPoll(summary);
  return summary;
}

/** Polls every system, a few at a time; one failing system never stops the others. */
export async function pollSystems(db: Db, systems: SystemConfig[], trigger: RunRecord['trigger'], settings: IngestSettings, concurrency = 4): Promise<RunSummary[]> {
  const summaries: RunSummary[] = new Array(systems.length);
  let next = 0;
  const worker = async () => {
    while (next < systems.length) {
      const index = next++;
      summaries[index] = await pollSystem(db, systems[index], trigger, settings);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, systems.length) }, worker));
  return summaries;
}

/**
 * The entry point every trigger uses (cron route, in-process scheduler, CLI): every listed system
 * not paused, or the one named (404 unknown, 409 paused).
 */
export async function runIngest(trigger: RunRecord['trigger'], systemId?: string): Promise<RunSummary[]> {
  const { db } = await getDatabase();
  const systems = await systemsToPoll(db, systemId);
  return pollSystems(db, systems, trigger, getConfig());
}
