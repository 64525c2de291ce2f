/** Fills a fresh embedded database with polls of the simulator until its clock catches up. */
import fs from 'node:fs';
import { openDatabase } from '@/db/client';
import { pollSystem, type IngestSettings } from '@/lib/ingest/pollSystem';
import { withoutLogs } from '@/lib/log';

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
        const run = await pollSystem(database.db, { id: options.systemId, gbfsUrl: options.gbfsUrl }, 'demo', options.settings);
        if (run.status === 'failed') throw new Error(`backfill failed: ${run.error}`);
        if (run.status !== 'ok') return polls;
        polls++;
        options.onProgress?.(polls, run.feedTime);
      }
    });
  } finally {
    await database.close();
  }
}
