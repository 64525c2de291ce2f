/** The stored polls of a system: one row per feed time that was stored. */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/rows';

export async function newestFeedTime(tx: Executor, systemId: string): Promise<number | null> {
  const [row] = await queryRows<{ newest: number | null }>(
    tx,
    sql`select extract(epoch from max(feed_time))::float8 as newest from polls where system_id = ${systemId}`,
  );
  return row?.newest ?? null;
}

export async function insertPoll(tx: Executor, poll: { systemId: string; feedTime: number; runId: number; stationsSeen: number }): Promise<void> {
  await tx.execute(sql`insert into polls (system_id, feed_time, run_id, stations_seen)
    values (${poll.systemId}, to_timestamp(${poll.feedTime}), ${poll.runId}, ${poll.stationsSeen})`);
}
