/**
 * The simulated system's timeline: a history that ends at HISTORY_END, a measured day (its last),
 * and live polls from an hour later, so that no live poll credits the measured day.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { storePoll } from '@/lib/ingest/storePoll';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { shiftSnapshot } from './velibSnapshots';

export const BENCH_SYSTEM = 'bench';
export const TIME_ZONE = 'Europe/Paris';
export const MAX_GAP = 900;
export const HOUR = 3600;
export const DAY = 86_400;
/** 1 July 2025, 00:00 in Paris. */
export const HISTORY_END = Date.UTC(2025, 5, 30, 22) / 1000;
export const MEASURED_DAY = '2025-06-30';
export const FIRST_LIVE_POLL = HISTORY_END + HOUR;

export const storeArgs = (snapshot: Snapshot, systemId = BENCH_SYSTEM) => ({
  systemId,
  gbfsUrl: `http://${systemId}`,
  snapshot,
  maxGapSeconds: MAX_GAP,
  run: { systemId, trigger: 'cli' as const, startedAt: Date.now() },
});

/**
 * The system, its stations and their states, from a real poll at FIRST_LIVE_POLL. Their
 * descriptions are then dated back before any history, as if the stations had always been there.
 */
export async function seedSystem(database: Database, poll: Snapshot, systemId = BENCH_SYSTEM) {
  await storePoll(database.db, storeArgs(shiftSnapshot(poll, FIRST_LIVE_POLL - poll.feedTime), systemId));
  const longAgo = sql`to_timestamp(${HISTORY_END - 2 * 365 * DAY})`;
  await database.db.execute(sql`update station_versions set valid_from = ${longAgo} where system_id = ${systemId}`);
  await database.db.execute(sql`update stations set valid_from = ${longAgo}, first_seen = ${longAgo} where system_id = ${systemId}`);
}
