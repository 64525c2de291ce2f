/** One JSON line per event on stdout/stderr, for whatever collects the logs. Never log secrets. */
import { getConfig, type AppConfig } from './config';

type Level = 'info' | 'warn' | 'error';

const RANK: Record<AppConfig['LOG_LEVEL'], number> = { info: 0, warn: 1, error: 2, silent: 3 };

/** A bad environment must not silence the line that reports it: it logs at every level. */
function threshold(): number {
  try {
    return RANK[getConfig().LOG_LEVEL];
  } catch {
    return RANK.info;
  }
}

let muted = 0;

/** Runs `work` with no log line at all (a backfill's thousands of polls). */
export async function withoutLogs<T>(work: () => Promise<T>): Promise<T> {
  muted++;
  try {
    return await work();
  } finally {
    muted--;
  }
}

export function logEvent(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  if (muted > 0 || RANK[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === 'info') console.log(line);
  else console.error(line);
}
