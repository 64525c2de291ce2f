/**
 * Load: one poll of one system in one transaction. Under a per-system advisory lock it compares
 * the feed time with the newest stored poll (unchanged / stale polls write nothing), credits the
 * interval since that poll to the hourly rollups, records changed station descriptions and
 * statuses, and logs the run. Either all of it is stored or none of it.
 */
import { sql } from 'drizzle-orm';
import { creditPoll } from '@/lib/hotspots/credit';
import type { StationState } from '@/lib/hotspots/types';
import { skippedOf, type Snapshot, type SnapshotStation } from '@/lib/gbfs/snapshot';
import type { StationStatus } from '@/lib/gbfs/types';
import type { Db } from './client';
import { queryRows, type Executor } from './rows';
import { insertRun, type RunRecord } from './runs';
import { HOURLY_COLUMNS, hourlyValues } from './hourlyRows';
import { unnestRows, type UnnestColumn } from './unnestRows';
import { noteCommittedPoll } from './committedPolls';
import { lockSystemForWriting } from './systemLock';

export interface StoreResult {
  status: 'ok' | 'unchanged' | 'stale';
  runId: number;
  /** Newest feed time stored before this poll. */
  previousFeedTime: number | null;
  statusRows: number;
  versionRows: number;
  rollupRows: number;
}

interface StateRow {
  station_id: string;
  h3: string;
  present: boolean;
  is_installed: boolean;
  is_renting: boolean;
  is_returning: boolean;
  bikes: number;
  docks: number;
  ebikes: number | null;
  mechanical: number | null;
  last_reported: number | null;
}

interface StationRow {
  station_id: string;
  name: string;
  code: string | null;
  lat: number;
  lon: number;
  h3: string;
  capacity: number | null;
}

const ABSENT = { present: false, is_installed: false, is_renting: false, is_returning: false, bikes: 0, docks: 0, ebikes: null, mechanical: null, last_reported: null };

function stateFromStatus(status: StationStatus, h3: string): StateRow {
  return {
    station_id: status.stationId,
    h3,
    present: true,
    is_installed: status.isInstalled,
    is_renting: status.isRenting,
    is_returning: status.isReturning,
    bikes: status.bikes,
    docks: status.docks,
    ebikes: status.ebikes,
    mechanical: status.mechanical,
    last_reported: status.lastReported,
  };
}

const STATUS_FIELDS = ['present', 'is_installed', 'is_renting', 'is_returning', 'bikes', 'docks', 'ebikes', 'mechanical', 'last_reported'] as const;
const DESCRIPTION_FIELDS = ['name', 'code', 'lat', 'lon', 'h3', 'capacity'] as const;

const statusChanged = (a: StateRow, b: StateRow) => STATUS_FIELDS.some((f) => a[f] !== b[f]);
const descriptionChanged = (a: StationRow, b: SnapshotStation) =>
  DESCRIPTION_FIELDS.some((f) => (f === 'h3' ? a.h3 !== b.h3 : a[f] !== b[f]));

export function toStationState(row: StateRow): StationState {
  return {
    stationId: row.station_id,
    h3: row.h3,
    present: row.present,
    installed: row.is_installed,
    bikes: row.bikes,
    docks: row.docks,
    ebikes: row.ebikes,
    mechanical: row.mechanical,
  };
}

async function newestFeedTime(tx: Executor, systemId: string): Promise<number | null> {
  const [row] = await queryRows<{ newest: number | null }>(
    tx,
    sql`select extract(epoch from max(feed_time))::float8 as newest from polls where system_id = ${systemId}`,
  );
  return row?.newest ?? null;
}

async function upsertSystem(tx: Executor, systemId: string, gbfsUrl: string, snapshot: Snapshot) {
  await tx.execute(sql`
    insert into systems (id, name, timezone, gbfs_url, gbfs_version, updated_at)
    values (${systemId}, ${snapshot.system.name}, ${snapshot.system.timezone}, ${gbfsUrl}, ${snapshot.version}, now())
    on conflict (id) do update set name = excluded.name, timezone = excluded.timezone,
      gbfs_url = excluded.gbfs_url, gbfs_version = excluded.gbfs_version, updated_at = now()`);
}

const DESCRIPTION_SOURCE: UnnestColumn<SnapshotStation>[] = [
  { name: 'station_id', type: 'text', value: (s) => s.stationId },
  { name: 'name', type: 'text', value: (s) => s.name },
  { name: 'code', type: 'text', value: (s) => s.code },
  { name: 'lat', type: 'float8', value: (s) => s.lat },
  { name: 'lon', type: 'float8', value: (s) => s.lon },
  { name: 'h3', type: 'text', value: (s) => s.h3 },
  { name: 'capacity', type: 'int', value: (s) => s.capacity },
];

async function storeDescriptions(tx: Executor, systemId: string, snapshot: Snapshot): Promise<number> {
  const current = new Map(
    (
      await queryRows<StationRow>(
        tx,
        sql`select station_id, name, code, lat, lon, h3, capacity from stations where system_id = ${systemId}`,
      )
    ).map((r) => [r.station_id, r]),
  );
  const changed = snapshot.stations.filter((s) => {
    const before = current.get(s.stationId);
    return !before || descriptionChanged(before, s);
  });
  if (changed.length === 0) return 0;
  const at = sql`to_timestamp(${snapshot.feedTime})`;
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
  return changed.length;
}

async function loadStates(tx: Executor, systemId: string): Promise<Map<string, StateRow>> {
  const rows = await queryRows<StateRow>(
    tx,
    sql`select station_id, h3, present, is_installed, is_renting, is_returning, bikes, docks, ebikes, mechanical,
          extract(epoch from last_reported)::float8 as last_reported
        from station_state where system_id = ${systemId}`,
  );
  return new Map(rows.map((r) => [r.station_id, r]));
}

async function addToRollups(tx: Executor, systemId: string, figures: ReturnType<typeof creditPoll>): Promise<number> {
  if (figures.length === 0) return 0;
  await tx.execute(sql`
    insert into station_hourly (${HOURLY_COLUMNS}) ${hourlyValues(systemId, figures)}
    on conflict (system_id, hour_start, station_id, h3) do update set
      observed_s = station_hourly.observed_s + excluded.observed_s,
      bike_s = station_hourly.bike_s + excluded.bike_s,
      typed_s = station_hourly.typed_s + excluded.typed_s,
      ebike_s = station_hourly.ebike_s + excluded.ebike_s,
      mechanical_s = station_hourly.mechanical_s + excluded.mechanical_s,
      dock_s = station_hourly.dock_s + excluded.dock_s,
      full_s = station_hourly.full_s + excluded.full_s,
      empty_s = station_hourly.empty_s + excluded.empty_s`);
  return figures.length;
}

/** The states after this poll, and which of them changed. */
export function nextStates(previous: Map<string, StateRow>, snapshot: Snapshot) {
  const h3ById = new Map(snapshot.stations.map((s) => [s.stationId, s.h3]));
  const statusById = new Map(snapshot.statuses.map((s) => [s.stationId, s]));
  const ids = new Set([...previous.keys(), ...h3ById.keys()]);
  const changedStatus: StateRow[] = [];
  const changedState: StateRow[] = [];
  for (const id of ids) {
    const before = previous.get(id);
    const h3 = h3ById.get(id) ?? before!.h3;
    const status = statusById.get(id);
    const after = status ? stateFromStatus(status, h3) : { ...ABSENT, station_id: id, h3 };
    const statusDiffers = !before || statusChanged(before, after);
    if (statusDiffers) changedStatus.push(after);
    if (statusDiffers || before.h3 !== h3) changedState.push(after);
  }
  return { changedStatus, changedState };
}

const STATE_SOURCE: UnnestColumn<StateRow>[] = [
  { name: 'station_id', type: 'text', value: (r) => r.station_id },
  { name: 'h3', type: 'text', value: (r) => r.h3 },
  { name: 'present', type: 'boolean', value: (r) => r.present },
  { name: 'is_installed', type: 'boolean', value: (r) => r.is_installed },
  { name: 'is_renting', type: 'boolean', value: (r) => r.is_renting },
  { name: 'is_returning', type: 'boolean', value: (r) => r.is_returning },
  { name: 'bikes', type: 'int', value: (r) => r.bikes },
  { name: 'docks', type: 'int', value: (r) => r.docks },
  { name: 'ebikes', type: 'int', value: (r) => r.ebikes },
  { name: 'mechanical', type: 'int', value: (r) => r.mechanical },
  { name: 'last_reported', type: 'float8', value: (r) => r.last_reported },
];

/**
 * The changed states and, among them, the changed statuses, in one statement that carries the
 * rows once: a state whose status is unchanged differs only by its cell (the station moved).
 */
async function storeStates(tx: Executor, systemId: string, feedTime: number, changed: ReturnType<typeof nextStates>) {
  if (changed.changedState.length === 0) return;
  const statusChanged = new Set(changed.changedStatus);
  const rows = unnestRows(changed.changedState, [
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

export interface StoreArgs {
  systemId: string;
  gbfsUrl: string;
  snapshot: Snapshot;
  maxGapSeconds: number;
  run: Omit<RunRecord, 'status' | 'feedTime' | 'stationsSeen' | 'rowsWritten' | 'skipped' | 'finishedAt'>;
}

export async function storeSnapshot(db: Db, args: StoreArgs): Promise<StoreResult> {
  const result = await storeInTransaction(db, args);
  if (result.status === 'ok') noteCommittedPoll(db);
  return result;
}

async function storeInTransaction(db: Db, args: StoreArgs): Promise<StoreResult> {
  const { systemId, snapshot } = args;
  return db.transaction(async (tx) => {
    // Waits for a concurrent poll of the same system, which then makes this one "unchanged".
    await lockSystemForWriting(tx, systemId);
    const previousFeedTime = await newestFeedTime(tx, systemId);
    const finish = async (status: StoreResult['status'], counts: Omit<StoreResult, 'status' | 'runId' | 'previousFeedTime'>) => {
      const runId = await insertRun(tx, {
        ...args.run,
        status,
        feedTime: snapshot.feedTime,
        stationsSeen: snapshot.statuses.length,
        rowsWritten: counts.statusRows + counts.versionRows,
        skipped: skippedOf(snapshot),
        finishedAt: Date.now(),
      });
      return { status, runId, previousFeedTime, ...counts };
    };
    const none = { statusRows: 0, versionRows: 0, rollupRows: 0 };
    if (previousFeedTime === snapshot.feedTime) return finish('unchanged', none);
    if (previousFeedTime !== null && previousFeedTime > snapshot.feedTime) return finish('stale', none);

    await upsertSystem(tx, systemId, args.gbfsUrl, snapshot);
    const previous = await loadStates(tx, systemId);
    const rollupRows =
      previousFeedTime === null
        ? 0
        : await addToRollups(
            tx,
            systemId,
            creditPoll([...previous.values()].map(toStationState), previousFeedTime, snapshot.feedTime, snapshot.system.timezone, args.maxGapSeconds),
          );
    const versionRows = await storeDescriptions(tx, systemId, snapshot);
    const changed = nextStates(previous, snapshot);
    await storeStates(tx, systemId, snapshot.feedTime, changed);
    const result = await finish('ok', { statusRows: changed.changedStatus.length, versionRows, rollupRows });
    await tx.execute(sql`insert into polls (system_id, feed_time, run_id, stations_seen)
      values (${systemId}, to_timestamp(${snapshot.feedTime}), ${result.runId}, ${snapshot.statuses.length})`);
    return result;
  });
}
