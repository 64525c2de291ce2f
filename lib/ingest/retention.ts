/** Raw history retention (RAW_RETENTION_DAYS) and table upkeep, run with the polls at most hourly per system. */
import type { Db } from '@/db/client';
import { maintainTables, pruneRawHistory } from '@/lib/ingest/retentionSql';
import { lockSystemForWriting } from '@/db/systemLock';
import { logEvent } from '@/lib/log';
import type { AfterPollStep } from './afterPoll';

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

/** After a poll, at most hourly per system: prunes the raw history past RAW_RETENTION_DAYS, then tends the tables. */
export const retentionStep: AfterPollStep = {
  name: 'retention',
  async run({ db, system, retentionDays }) {
    if (!retentionDays || Date.now() - (lastPruned.get(system.id) ?? 0) < PRUNE_EVERY_MS) return;
    lastPruned.set(system.id, Date.now());
    const pruned = await pruneHistory(db, system.id, retentionDays);
    if (pruned.statuses || pruned.polls) logEvent('info', 'retention.pruned', { system: system.id, ...pruned });
    await maintainTables(db, { pruned: pruned.statuses + pruned.polls > 0 });
  },
};
