/**
 * Recomputes a system's saturation episodes from the kept raw history (`npm run rebuild`), under
 * its write lock, in one transaction, through the same EpisodeLedger and episodeChanges the import
 * and the poll use: the result equals what the polls built (tested).
 *
 * Raw statuses are kept RAW_RETENTION_DAYS, the episodes as long as the rollups: the runs that
 * ended before the oldest kept poll stay as they are, and a run going on at that poll keeps its
 * start.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { lockSystemForWriting } from '@/db/systemLock';
import { historyChunk, historyRange } from '@/lib/hotspots/historySql';
import { EPISODE_KINDS, EpisodeLedger, episodeChanges, isInEpisode, type EpisodeState, type StoredEpisode } from './episodes';
import { insertEpisodes } from './storeEpisodes';

const DAY = 86_400;
const BATCH_ROWS = 20_000;

export async function rebuildEpisodes(db: Db, systemId: string, maxGapSeconds: number): Promise<{ polls: number; episodes: number }> {
  return db.transaction(async (tx) => {
    await lockSystemForWriting(tx, systemId);
    const range = await historyRange(tx, systemId);
    if (!range) return { polls: 0, episodes: 0 };
    const first = range.firstPoll;

    // Runs going on at the oldest kept poll: they continue from their stored start.
    const straddling = await queryRows<Omit<StoredEpisode, 'end'>>(
      tx,
      sql`delete from station_episodes
          where system_id = ${systemId} and start_time < to_timestamp(${first}) and (end_time is null or end_time > to_timestamp(${first}))
          returning kind, station_id as "stationId", extract(epoch from start_time)::float8 as start`,
    );
    await tx.execute(sql`delete from station_episodes where system_id = ${systemId} and start_time >= to_timestamp(${first})`);

    // Each station's state at the oldest kept poll: its newest status at or before it.
    const states = new Map<string, EpisodeState>();
    for (const status of (await historyChunk(tx, systemId, range.earliest - 1, first)).statuses) states.set(status.stationId, status);
    const startOf = new Map(straddling.map((e) => [`${e.kind}\u0000${e.stationId}`, e.start]));
    const open: StoredEpisode[] = [];
    const endedAtFirst: StoredEpisode[] = [];
    for (const state of states.values()) {
      for (const kind of EPISODE_KINDS) {
        if (!isInEpisode(state, kind)) continue;
        open.push({ kind, stationId: state.stationId, start: startOf.get(`${kind}\u0000${state.stationId}`) ?? first, end: null });
      }
    }
    // A stored run the kept history does not continue ends at that poll.
    const continued = new Set(open.map((e) => `${e.kind}\u0000${e.stationId}`));
    for (const e of straddling) if (!continued.has(`${e.kind}\u0000${e.stationId}`)) endedAtFirst.push({ ...e, end: first });

    const ledger = new EpisodeLedger(open);
    let previous = first;
    let polls = 1;
    let episodes = endedAtFirst.length;
    await insertEpisodes(tx, systemId, endedAtFirst);
    for (let from = first; from < range.lastPoll; from += DAY) {
      const chunk = await historyChunk(tx, systemId, from, Math.min(from + DAY, range.lastPoll));
      let s = 0;
      for (const t of chunk.pollTimes) {
        const changed: EpisodeState[] = [];
        for (; s < chunk.statuses.length && chunk.statuses[s].t <= t; s++) changed.push(chunk.statuses[s]);
        ledger.apply(episodeChanges(states, changed, previous, t, maxGapSeconds), t);
        for (const status of changed) states.set(status.stationId, status);
        previous = t;
        polls++;
      }
      if (ledger.closedCount >= BATCH_ROWS) {
        const closed = ledger.takeClosed();
        episodes += closed.length;
        await insertEpisodes(tx, systemId, closed);
      }
    }
    const rest = [...ledger.takeClosed(), ...ledger.openEpisodes()];
    await insertEpisodes(tx, systemId, rest);
    return { polls, episodes: episodes + rest.length };
  });
}
