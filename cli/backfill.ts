/**
 * Fills a fresh embedded database with history before the app serves it: the simulated city's
 * snapshots through the bulk path (lib/import/land.ts) with the forecast fitted once at the end,
 * or, given no series, polls of a running simulator until its clock catches up.
 */
import fs from 'node:fs';
import { openDatabase, type Db } from '@/db/client';
import { pollSystem, type IngestSettings } from '@/lib/ingest/pollSystem';
import { withoutLogs } from '@/lib/log';
import { newestFeedTime } from '@/lib/ingest/sql';
import { findSystem } from '@/lib/systems/sql';
import { updateForecasts } from '@/lib/forecast/afterPoll';
import { landSnapshots, type LandingProgress, type SnapshotSeries } from '@/lib/import/land';
import { fitOnce, type ImportSummary } from '@/lib/import/importArchive';

async function forecastNewestPoll(db: Db, systemId: string): Promise<void> {
  const [system, newest] = await Promise.all([findSystem(db, systemId), newestFeedTime(db, systemId)]);
  if (system !== null && newest !== null) await updateForecasts(db, { id: systemId, timezone: system.timezone }, newest);
}

export interface BackfillOptions {
  dataDir: string;
  systemId: string;
  gbfsUrl: string;
  settings: IngestSettings;
  /** The history to land in bulk; without it the simulator at gbfsUrl is polled until it catches up. */
  series?: SnapshotSeries;
  onProgress?: (polls: number, feedTime: string | null) => void;
  onLanding?: (progress: LandingProgress) => void;
}

/** The snapshots landed in bulk, and how the forecast's fit went. */
export async function bulkBackfill(options: BackfillOptions & { series: SnapshotSeries }): Promise<{ snapshots: number; statuses: number; forecast: ImportSummary['forecast'] }> {
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: options.dataDir });
  try {
    const landed = await landSnapshots(database.db, {
      systemId: options.systemId,
      gbfsUrl: options.gbfsUrl,
      maxGapSeconds: options.settings.MAX_GAP_SECONDS,
      series: options.series,
      onProgress: options.onLanding,
    });
    const forecast =
      landed.lastFeedTime === null || landed.timezone === null
        ? { fitted: false, reason: 'no snapshot' }
        : await fitOnce(database.db, { id: options.systemId, timezone: landed.timezone }, landed.lastFeedTime);
    return { snapshots: landed.snapshots, statuses: landed.statuses, forecast };
  } finally {
    await database.close();
  }
}

export async function backfill(options: BackfillOptions): Promise<number> {
  if (options.series) return (await bulkBackfill({ ...options, series: options.series })).snapshots;
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: options.dataDir });
  let polls = 0;
  try {
    return await withoutLogs(async () => {
      for (;;) {
        // Catching up: only the forecasts kept for scoring (one an hour), then the newest poll's.
        const run = await pollSystem(database.db, { id: options.systemId, gbfsUrl: options.gbfsUrl }, 'demo', options.settings, { catchingUp: true });
        if (run.status === 'failed') throw new Error(`backfill failed: ${run.error}`);
        if (run.status !== 'ok') {
          await forecastNewestPoll(database.db, options.systemId);
          return polls;
        }
        polls++;
        options.onProgress?.(polls, run.feedTime);
      }
    });
  } finally {
    await database.close();
  }
}
