/** Fills a fresh embedded database with polls of the simulator until its clock catches up. */
import fs from 'node:fs';
import { openDatabase, type Db } from '@/db/client';
import { pollSystem, type IngestSettings } from '@/lib/ingest/pollSystem';
import { withoutLogs } from '@/lib/log';
import { newestFeedTime } from '@/lib/ingest/sql';
import { findSystem } from '@/lib/systems/sql';
import { updateForecasts } from '@/lib/forecast/afterPoll';

async function forecastNewestPoll(db: Db, systemId: string): Promise<void> {
  const [system, newest] = await Promise.all([findSystem(db, systemId), newestFeedTime(db, systemId)]);
  if (system !== null && newest !== null) await updateForecasts(db, { id: systemId, timezone: system.timezone }, newest);
}

export async function backfill(options: {
  dataDir: string;
  systemId: string;
  gbfsUrl: string;
  settings: IngestSettings;
  onProgress?: (polls: number, feedTime: string | null) => void;
}): Promise<number> {
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
