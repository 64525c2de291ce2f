/**
 * A system as stored, read back: its name and zone, the newest poll and rollup hours every read is
 * keyed on, its run log's newest attempt, its stations' extent; the systems added at run time and
 * the paused ones. The writes are in store.ts.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows, type Executor } from '@/db/rows';
import type { IngestStatus } from '@/db/schema';
import type { FeedAuth } from '@/lib/gbfs/http';

export interface StoredSystem {
  id: string;
  name: string;
  timezone: string;
}

export async function findSystem(db: Executor, systemId: string): Promise<StoredSystem | null> {
  const [row] = await queryRows<StoredSystem>(db, sql`select id, name, timezone from systems where id = ${systemId}`);
  return row ?? null;
}

export interface DataVersion {
  /** Feed time (epoch s) of the newest stored poll: every stored figure changes only with it. */
  newestPoll: number | null;
  /** First and last hour (epoch s) that have rollups. */
  first: number | null;
  last: number | null;
  /** When a rebuild or an import last derived the rollups (epoch s, to the microsecond): what else can change a finished day. */
  rewrittenAt: number | null;
}

export async function dataVersion(db: Db, systemId: string): Promise<DataVersion> {
  const [row] = await queryRows<DataVersion>(
    db,
    sql`select (select extract(epoch from max(feed_time))::float8 from polls where system_id = ${systemId}) as "newestPoll",
          (select extract(epoch from min(hour_start))::float8 from station_hourly where system_id = ${systemId}) as first,
          (select extract(epoch from max(hour_start))::float8 from station_hourly where system_id = ${systemId}) as last,
          (select extract(epoch from rollups_rewritten_at)::float8 from systems where id = ${systemId}) as "rewrittenAt"`,
  );
  return row;
}

export interface LastAttempt {
  systemId: string;
  /** epoch s the attempt finished */
  at: number;
  status: IngestStatus;
  reason: string | null;
}

/** The newest poll attempt of each system, whatever its outcome (the run log's newest row). */
export async function lastAttempts(db: Db, systemIds: string[]): Promise<LastAttempt[]> {
  if (systemIds.length === 0) return [];
  return queryRows<LastAttempt>(
    db,
    sql`select s.id as "systemId", extract(epoch from r.finished_at)::float8 as at, r.status, r.reason
        from json_array_elements_text(${JSON.stringify(systemIds)}::json) as s(id)
        cross join lateral (
          select finished_at, status, reason from ingest_runs
          where system_id = s.id order by started_at desc, id desc limit 1) r`,
  );
}

export interface SystemOverview extends StoredSystem {
  stations: number;
  firstHour: number | null;
  lastHour: number | null;
  lastPoll: number | null;
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  centerLat: number | null;
  centerLon: number | null;
}

export async function systemOverviews(db: Db): Promise<SystemOverview[]> {
  return queryRows<SystemOverview>(
    db,
    sql`select s.id, s.name, s.timezone,
          coalesce(st.stations, 0)::int as stations, st.west, st.south, st.east, st.north, st."centerLat", st."centerLon",
          (select extract(epoch from min(hour_start))::float8 from station_hourly h where h.system_id = s.id) as "firstHour",
          (select extract(epoch from max(hour_start))::float8 from station_hourly h where h.system_id = s.id) as "lastHour",
          (select extract(epoch from max(feed_time))::float8 from polls p where p.system_id = s.id) as "lastPoll"
        from systems s
        left join lateral (
          select count(*) as stations,
            percentile_cont(0.02) within group (order by lon) as west, percentile_cont(0.02) within group (order by lat) as south,
            percentile_cont(0.98) within group (order by lon) as east, percentile_cont(0.98) within group (order by lat) as north,
            percentile_cont(0.5) within group (order by lat) as "centerLat", percentile_cont(0.5) within group (order by lon) as "centerLon"
          from stations where system_id = s.id
        ) st on true
        order by s.id`,
  );
}

export interface AddedSystemRow {
  id: string;
  gbfsUrl: string;
  feedAuth: FeedAuth | null;
}

export async function addedSystemRows(executor: Executor): Promise<AddedSystemRow[]> {
  return queryRows<AddedSystemRow>(executor, sql`select id, gbfs_url as "gbfsUrl", feed_auth as "feedAuth" from added_systems order by added_at, id`);
}

export async function pausedSystemIds(executor: Executor): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(executor, sql`select system_id as id from paused_systems`);
  return rows.map((r) => r.id);
}
