/**
 * Raw history retention (RAW_RETENTION_DAYS) and table upkeep, run after the polls at most hourly
 * per system. Raw statuses and polls are kept RAW_RETENTION_DAYS; the hourly rollups forever. What
 * a rebuild needs to restart at the cut survives: the newest poll at or before it, and each
 * station's newest status at or before that poll (its state there).
 */
import type { Db } from '@/db/client';
import { lockSystemForWriting } from '@/db/systemLock';
import { logEvent } from '@/lib/log';
import type { AfterPollStep } from './afterPoll';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/rows';

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

/** Prunes what is older than `cut` (epoch s); the caller holds the system's write lock. */
export async function pruneRawHistory(tx: Executor, systemId: string, cut: number): Promise<{ statuses: number; polls: number }> {
  const [kept] = await queryRows<{ t: number | null }>(
    tx,
    sql`select extract(epoch from max(feed_time))::float8 as t from polls where system_id = ${systemId} and feed_time <= to_timestamp(${cut})`,
  );
  if (kept.t === null) return { statuses: 0, polls: 0 };
  const oldestPoll = sql`to_timestamp(${kept.t})`;
  const [statuses] = await queryRows<{ n: number }>(
    tx,
    sql`with gone as (
          delete from station_status s
          where s.system_id = ${systemId} and s.feed_time < ${oldestPoll}
            and exists (select 1 from station_status n
                        where n.system_id = s.system_id and n.station_id = s.station_id
                          and n.feed_time > s.feed_time and n.feed_time <= ${oldestPoll})
          returning 1)
        select count(*)::int as n from gone`,
  );
  const [polls] = await queryRows<{ n: number }>(
    tx,
    sql`with gone as (delete from polls where system_id = ${systemId} and feed_time < ${oldestPoll} returning 1)
        select count(*)::int as n from gone`,
  );
  return { statuses: statuses.n, polls: polls.n };
}

/** The tables every poll writes to. */
const BUSY_TABLES = sql.raw('station_status, station_state, station_hourly, station_daily, system_daily, station_episodes, polls, ingest_runs');

/**
 * Embedded PGlite runs Postgres in single-user mode: no autovacuum, so rows freed by retention
 * are never reused (the file keeps growing) and the planner never gets statistics (a day's
 * hotspots read 50% slower). Run hourly with retention; on a server it only does early what
 * autovacuum would do anyway. VACUUM cannot run in a transaction: called on its own.
 */
export async function maintainTables(db: Db, { pruned }: { pruned: boolean }): Promise<void> {
  await db.execute(pruned ? sql`vacuum (analyze) ${BUSY_TABLES}` : sql`analyze ${BUSY_TABLES}`);
}
