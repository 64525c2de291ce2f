/** The stored history a rollup rebuild replays: polls, station versions and raw statuses. */
import { sql } from 'drizzle-orm';
import type { HistoryChunk } from '@/lib/hotspots/replay';
import { queryRows, type Executor } from '../../db/rows';

export interface HistoryRange {
  /** Oldest and newest stored poll. */
  firstPoll: number;
  lastPoll: number;
  /** Oldest stored event of any kind: statuses and versions kept by pruning precede the oldest poll. */
  earliest: number;
}

export async function historyRange(tx: Executor, systemId: string): Promise<HistoryRange | null> {
  const [range] = await queryRows<{ first: number | null; last: number | null; earliest: number | null }>(
    tx,
    sql`select extract(epoch from min(feed_time))::float8 as first, extract(epoch from max(feed_time))::float8 as last,
          extract(epoch from least(min(feed_time),
            (select min(feed_time) from station_status where system_id = ${systemId}),
            (select min(valid_from) from station_versions where system_id = ${systemId})))::float8 as earliest
        from polls where system_id = ${systemId}`,
  );
  if (!range || range.first === null || range.last === null || range.earliest === null) return null;
  return { firstPoll: range.first, lastPoll: range.last, earliest: range.earliest };
}

/** The events of (from, to], each kind in time order. */
export async function historyChunk(tx: Executor, systemId: string, from: number, to: number): Promise<HistoryChunk> {
  const inChunk = (column: string) =>
    sql`${sql.identifier(column)} > to_timestamp(${from}) and ${sql.identifier(column)} <= to_timestamp(${to})`;
  const polls = await queryRows<{ t: number }>(
    tx,
    sql`select extract(epoch from feed_time)::float8 as t from polls where system_id = ${systemId} and ${inChunk('feed_time')} order by feed_time`,
  );
  const versions = await queryRows<HistoryChunk['versions'][number]>(
    tx,
    sql`select station_id as "stationId", extract(epoch from valid_from)::float8 as t, h3 from station_versions
        where system_id = ${systemId} and ${inChunk('valid_from')} order by valid_from`,
  );
  const statuses = await queryRows<HistoryChunk['statuses'][number]>(
    tx,
    sql`select station_id as "stationId", extract(epoch from feed_time)::float8 as t, present, is_installed as installed,
          bikes, docks, ebikes, mechanical
        from station_status where system_id = ${systemId} and ${inChunk('feed_time')} order by feed_time`,
  );
  return { pollTimes: polls.map((p) => p.t), versions, statuses };
}
