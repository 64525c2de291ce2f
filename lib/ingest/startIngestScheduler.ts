/** Starts the in-process scheduler once per process (hot reload re-runs instrumentation). */
import { getConfig } from '@/lib/config';
import { logEvent } from '@/lib/log';
import { runIngest } from './runIngest';
import { startScheduler, type Scheduler } from './scheduler';

const key = Symbol.for('gbfs-hotspots.scheduler');
type GlobalWithScheduler = typeof globalThis & { [key]?: Scheduler };

export function startIngestScheduler(): void {
  const holder = globalThis as GlobalWithScheduler;
  if (holder[key]) return;
  const { INGEST_INTERVAL_SECONDS } = getConfig();
  if (INGEST_INTERVAL_SECONDS === 0) {
    logEvent('info', 'scheduler.off', { reason: 'INGEST_INTERVAL_SECONDS=0' });
    return;
  }
  logEvent('info', 'scheduler.start', { intervalSeconds: INGEST_INTERVAL_SECONDS });
  holder[key] = startScheduler(INGEST_INTERVAL_SECONDS, () => runIngest('scheduler'), (error) =>
    logEvent('error', 'scheduler.tick_failed', { error: (error as Error).message }),
  );
}
