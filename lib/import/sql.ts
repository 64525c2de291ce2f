/** The bulk path's reads: which of an archive's feed times a system has already stored. */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/rows';

/** The stored polls' feed times (epoch s) in [from, to]. */
export async function storedFeedTimes(tx: Executor, systemId: string, from: number, to: number): Promise<Set<number>> {
  const rows = await queryRows<{ t: number }>(
    tx,
    sql`select extract(epoch from feed_time)::float8 as t from polls
        where system_id = ${systemId} and feed_time >= to_timestamp(${from}) and feed_time <= to_timestamp(${to})`,
  );
  return new Set(rows.map((row) => row.t));
}
