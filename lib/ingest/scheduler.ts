/**
 * The in-process poller for self-hosting: one tick every interval, never overlapping itself
 * (the next tick is planned only once the previous one has finished).
 */
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
