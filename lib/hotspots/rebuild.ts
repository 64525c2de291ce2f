/**
 * Recomputes a system's hourly rollups from the stored polls, station versions and raw statuses
 * (lib/hotspots/replay.ts), then its daily tier from them, under the system's write lock, in one
 * transaction. The result equals what the polls built incrementally (tested).
 */
import { localDaySlot } from '@/lib/hotspots/dailySlots';
import { RollupReplay, replayBoundary } from '@/lib/hotspots/replay';
import type { Db } from '@/db/client';
import { historyChunk, historyRange } from '@/lib/hotspots/historySql';
import { findSystem } from '@/lib/systems/sql';
import { deleteRollupsFrom, insertRollups } from '@/lib/hotspots/storeHourly';
import { lockSystemForWriting } from '@/db/systemLock';
import { deriveDailyRollups } from './rebuildDaily';

const DAY = 86_400;

export async function rebuildRollups(db: Db, systemId: string, maxGapSeconds: number): Promise<{ polls: number; rows: number }> {
  return db.transaction(async (tx) => {
    await lockSystemForWriting(tx, systemId);
    const system = await findSystem(tx, systemId);
    const range = system && (await historyRange(tx, systemId));
    if (!system || !range) return { polls: 0, rows: 0 };
    const boundary = replayBoundary(range.firstPoll, system.timezone);
    await deleteRollupsFrom(tx, systemId, boundary);

    const replay = new RollupReplay(system.timezone, maxGapSeconds, boundary);
    let rows = 0;
    // A day of history at a time; states older than the oldest kept poll seed the replay at it.
    for (let from = range.earliest - 1; from < range.lastPoll; from += DAY) {
      const to = Math.min(from + DAY, range.lastPoll);
      const finished = replay.replay(await historyChunk(tx, systemId, from, to), to);
      await insertRollups(tx, systemId, finished);
      rows += finished.length;
    }
    const rest = replay.finish();
    await insertRollups(tx, systemId, rest);
    // The boundary's day keeps its hours before the boundary: derived again whole.
    await deriveDailyRollups(tx, systemId, system.timezone, localDaySlot(boundary, system.timezone).day);
    return { polls: replay.polls, rows: rows + rest.length };
  });
}
