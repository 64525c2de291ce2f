/**
 * The poll's SQL, run in its transaction by storePoll (the run log also after a failure): the run
 * log, the stored polls, the stations' descriptions, their states and the raw status history.
 */
import { sql } from 'drizzle-orm';
import type { IngestStatus } from '@/db/schema';
import { queryRows, type Executor } from '@/db/rows';
import type { SnapshotStation } from '@/lib/gbfs/snapshot';
import { unnestRows, type UnnestColumn } from '@/db/unnestRows';
import type { PolledState } from '@/lib/hotspots/types';
import type { StateChanges } from '@/lib/hotspots/stationStates';

// The run log: one row per poll attempt, whatever happened.

export interface RunRecord {
  systemId: string;
  trigger: 'cron' | 'scheduler' | 'cli' | 'test' | 'demo';
  /** epoch ms */
  startedAt: number;
  /** epoch ms */
  finishedAt: number;
  status: IngestStatus;
  httpStatus?: number | null;
  error?: string | null;
  failureKind?: string | null;
  reason?: string | null;
  /** epoch s */
  feedTime?: number | null;
  stationsSeen?: number;
  rowsWritten?: number;
  skipped?: Record<string, number>;
}

export async function insertRun(executor: Executor, run: RunRecord): Promise<number> {
  const [row] = await queryRows<{ id: number | string }>(
    executor,
    sql`insert into ingest_runs (system_id, trigger, started_at, finished_at, status, http_status, error, failure_kind, reason,
          feed_time, stations_seen, rows_written, skipped, duration_ms)
        values (${run.systemId}, ${run.trigger}, to_timestamp(${run.startedAt / 1000}), to_timestamp(${run.finishedAt / 1000}),
          ${run.status}, ${run.httpStatus ?? null}, ${run.error ?? null}, ${run.failureKind ?? null}, ${run.reason ?? null},
          ${run.feedTime == null ? null : sql`to_timestamp(${run.feedTime})`}, ${run.stationsSeen ?? 0},
          ${run.rowsWritten ?? 0}, ${JSON.stringify(run.skipped ?? {})}::jsonb, ${Math.round(run.finishedAt - run.startedAt)})
        returning id`,
  );
  return Number(row.id);
}

// The stored polls of a system: one row per feed time that was stored.

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

// Station descriptions: the current one per station (stations) and every version (station_versions).

export async function currentDescriptions(tx: Executor, systemId: string): Promise<Map<string, SnapshotStation>> {
  const rows = await queryRows<SnapshotStation>(
    tx,
    sql`select station_id as "stationId", name, code, lat, lon, h3, capacity from stations where system_id = ${systemId}`,
  );
  return new Map(rows.map((r) => [r.stationId, r]));
}

export const DESCRIPTION_SOURCE: UnnestColumn<SnapshotStation>[] = [
  { name: 'station_id', type: 'text', value: (s) => s.stationId },
  { name: 'name', type: 'text', value: (s) => s.name },
  { name: 'code', type: 'text', value: (s) => s.code },
  { name: 'lat', type: 'float8', value: (s) => s.lat },
  { name: 'lon', type: 'float8', value: (s) => s.lon },
  { name: 'h3', type: 'text', value: (s) => s.h3 },
  { name: 'capacity', type: 'int', value: (s) => s.capacity },
];

/** Stores new and changed descriptions as valid from `feedTime`: a version each, and the current row. */
export async function storeDescriptions(tx: Executor, systemId: string, feedTime: number, changed: readonly SnapshotStation[]): Promise<void> {
  if (changed.length === 0) return;
  const at = sql`to_timestamp(${feedTime})`;
  // One statement, so the rows travel and are unpacked once for both tables.
  await tx.execute(sql`
    with r as materialized (select * from ${unnestRows(changed, DESCRIPTION_SOURCE)}),
      versions as (
        insert into station_versions (system_id, station_id, valid_from, name, code, lat, lon, h3, capacity)
        select ${systemId}, r.station_id, ${at}, r.name, r.code, r.lat, r.lon, r.h3, r.capacity from r)
    insert into stations (system_id, station_id, name, code, lat, lon, h3, capacity, first_seen, valid_from)
    select ${systemId}, r.station_id, r.name, r.code, r.lat, r.lon, r.h3, r.capacity, ${at}, ${at} from r
    on conflict (system_id, station_id) do update set name = excluded.name, code = excluded.code, lat = excluded.lat,
      lon = excluded.lon, h3 = excluded.h3, capacity = excluded.capacity, valid_from = excluded.valid_from`);
}

// Each station's state as of the newest poll (station_state) and the raw status history (station_status).

export async function loadStates(tx: Executor, systemId: string): Promise<Map<string, PolledState>> {
  const rows = await queryRows<PolledState>(
    tx,
    sql`select station_id as "stationId", h3, present, is_installed as installed, is_renting as renting,
          is_returning as returning, bikes, docks, ebikes, mechanical,
          extract(epoch from last_reported)::float8 as "lastReported"
        from station_state where system_id = ${systemId}`,
  );
  return new Map(rows.map((r) => [r.stationId, r]));
}

export const STATE_SOURCE: UnnestColumn<PolledState>[] = [
  { name: 'station_id', type: 'text', value: (r) => r.stationId },
  { name: 'h3', type: 'text', value: (r) => r.h3 },
  { name: 'present', type: 'boolean', value: (r) => r.present },
  { name: 'is_installed', type: 'boolean', value: (r) => r.installed },
  { name: 'is_renting', type: 'boolean', value: (r) => r.renting },
  { name: 'is_returning', type: 'boolean', value: (r) => r.returning },
  { name: 'bikes', type: 'int', value: (r) => r.bikes },
  { name: 'docks', type: 'int', value: (r) => r.docks },
  { name: 'ebikes', type: 'int', value: (r) => r.ebikes },
  { name: 'mechanical', type: 'int', value: (r) => r.mechanical },
  { name: 'last_reported', type: 'float8', value: (r) => r.lastReported },
];

/**
 * The changed states and, among them, the changed statuses, in one statement that carries the
 * rows once: a state whose status is unchanged differs only by its cell (the station moved).
 */
export async function storeStates(tx: Executor, systemId: string, feedTime: number, changes: StateChanges): Promise<void> {
  if (changes.changedState.length === 0) return;
  const statusChanged = new Set(changes.changedStatus);
  const rows = unnestRows(changes.changedState, [
    ...STATE_SOURCE,
    { name: 'status_changed', type: 'boolean', value: (r) => statusChanged.has(r) },
  ]);
  await tx.execute(sql`
    with r as materialized (select * from ${rows}),
      statuses as (
        insert into station_status (system_id, station_id, feed_time, present, is_installed, is_renting, is_returning, bikes,
          docks, ebikes, mechanical, last_reported)
        select ${systemId}, r.station_id, to_timestamp(${feedTime}), r.present, r.is_installed, r.is_renting, r.is_returning,
          r.bikes, r.docks, r.ebikes, r.mechanical, to_timestamp(r.last_reported)
        from r where r.status_changed)
    insert into station_state (system_id, station_id, h3, present, is_installed, is_renting, is_returning, bikes,
      docks, ebikes, mechanical, last_reported)
    select ${systemId}, r.station_id, r.h3, r.present, r.is_installed, r.is_renting, r.is_returning, r.bikes, r.docks,
      r.ebikes, r.mechanical, to_timestamp(r.last_reported)
    from r
    on conflict (system_id, station_id) do update set
      h3 = excluded.h3, present = excluded.present, is_installed = excluded.is_installed,
      is_renting = excluded.is_renting, is_returning = excluded.is_returning, bikes = excluded.bikes, docks = excluded.docks, ebikes = excluded.ebikes,
      mechanical = excluded.mechanical, last_reported = excluded.last_reported`);
}
