/**
 * The in-process poller for self-hosting: one tick every interval, never overlapping itself
 * (the next tick is planned only once the previous one has finished).
 */
import { getConfig } from '@/lib/config';
import { logEvent } from '@/lib/log';
import { runIngest } from './pollSystem';

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(intervalSeconds: number, tick: () => Promise<unknown>, onError: (error: unknown) => void): Scheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const runTick = () => {
    const startedAt = Date.now();
    running = tick()
      .then(() => undefined, onError)
      .finally(() => {
        if (stopped) return;
        const wait = Math.max(0, intervalSeconds * 1000 - (Date.now() - startedAt));
        timer = setTimeout(runTick, wait);
        timer.unref();
      });
  };
  runTick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

const key = Symbol.for('gbfs-hotspots.scheduler');
type GlobalWithScheduler = typeof globalThis & { [key]?: Scheduler };

/** Starts the in-process scheduler once per process (hot reload re-runs instrumentation). */
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
