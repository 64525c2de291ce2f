/** Raw history retention (RAW_RETENTION_DAYS) and table upkeep, run with the polls at most hourly per system. */
import type { Db } from '@/db/client';
import { maintainTables, pruneRawHistory } from '@/lib/ingest/retentionSql';
import { lockSystemForWriting } from '@/db/systemLock';
import { describeError } from '@/lib/errors';
import { logEvent } from '@/lib/log';

/** Prunes the raw history older than `retentionDays` before `now` (epoch s), under the system's write lock. */
export async function pruneHistory(db: Db, systemId: string, retentionDays: number, now = Date.now() / 1000) {
  const cut = Math.floor(now - retentionDays * 86_400);
  return db.transaction(async (tx) => {
    await lockSystemForWriting(tx, systemId);
    return pruneRawHistory(tx, systemId, cut);
  });
}

const PRUNE_EVERY_MS = 3_600_000;
const lastPruned = new Map<string, number>();

/** A failure only costs a log line: the poll it follows is stored already. */
export async function pruneNowAndThen(db: Db, systemId: string, retentionDays: number): Promise<void> {
  if (Date.now() - (lastPruned.get(systemId) ?? 0) < PRUNE_EVERY_MS) return;
  lastPruned.set(systemId, Date.now());
  try {
    const pruned = await pruneHistory(db, systemId, retentionDays);
    if (pruned.statuses || pruned.polls) logEvent('info', 'retention.pruned', { system: systemId, ...pruned });
    await maintainTables(db, { pruned: pruned.statuses + pruned.polls > 0 });
  } catch (error) {
    logEvent('error', 'retention.failed', { system: systemId, error: describeError(error) });
  }
}
