/**
 * The bulk path's writes, inside the import's one transaction: the rows storePoll writes one poll
 * at a time (lib/ingest/sql.ts), here many polls per statement, each row carrying its own feed
 * time. Rows travel as one array per column through unnest(), as the poll's do
 * (db/unnestRows.ts), in batches of bounded size; the two largest kinds (raw statuses, hourly
 * rows of hours with none stored) go through COPY on a Postgres server (db/copyRows.ts).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/rows';
import { unnestRows, type UnnestColumn } from '@/db/unnestRows';
import { canCopy, copyRows, type CopyColumn } from '@/db/copyRows';
import type { HourlyFigures, PolledState } from '@/lib/hotspots/types';
import { insertRollups } from '@/lib/hotspots/storeHourly';
import { DESCRIPTION_SOURCE, STATE_SOURCE } from '@/lib/ingest/sql';
import type { DescriptionRow, PollRow, StatusRow, VersionRow } from './ledger';

/** Rows per statement: large enough to amortise a round trip, small enough to bound its memory. */
export const BATCH_ROWS = 20_000;

async function inBatches<T>(rows: readonly T[], store: (batch: readonly T[]) => PromiseLike<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) await store(rows.slice(i, i + BATCH_ROWS));
}

const feedTimeColumn = <T extends { feedTime: number }>(): UnnestColumn<T> => ({ name: 'feed_time', type: 'bigint', value: (r) => r.feedTime });

/** A station_status row as COPY takes it: what STATE_SOURCE and the insert below write. */
function statusCopyColumns(systemId: string): CopyColumn<StatusRow>[] {
  return [
    { name: 'system_id', type: 'text', value: () => systemId },
    { name: 'station_id', type: 'text', value: (r) => r.stationId },
    { name: 'feed_time', type: 'epoch', value: (r) => r.feedTime },
    { name: 'present', type: 'bool', value: (r) => r.present },
    { name: 'is_installed', type: 'bool', value: (r) => r.installed },
    { name: 'is_renting', type: 'bool', value: (r) => r.renting },
    { name: 'is_returning', type: 'bool', value: (r) => r.returning },
    { name: 'bikes', type: 'int4', value: (r) => r.bikes },
    { name: 'docks', type: 'int4', value: (r) => r.docks },
    { name: 'ebikes', type: 'int4', value: (r) => r.ebikes },
    { name: 'mechanical', type: 'int4', value: (r) => r.mechanical },
    { name: 'last_reported', type: 'epoch', value: (r) => r.lastReported },
  ];
}

/**
 * The rows of each station together, each station's in time order. The batch arrives snapshot by
 * snapshot; grouped, the primary key's inserts of one station land on one index page after the
 * other instead of every station's page in turn (a quarter less of the server's CPU per row).
 */
function groupedByStation(rows: readonly StatusRow[]): StatusRow[] {
  // A counting sort: each station's place in order of first appearance, then each row to its slot.
  const stationOf = new Map<string, number>();
  const counts: number[] = [];
  const station = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    let k = stationOf.get(rows[i].stationId);
    if (k === undefined) {
      k = counts.length;
      stationOf.set(rows[i].stationId, k);
      counts.push(0);
    }
    station[i] = k;
    counts[k]++;
  }
  const next = new Int32Array(counts.length);
  for (let k = 1; k < counts.length; k++) next[k] = next[k - 1] + counts[k - 1];
  const grouped = new Array<StatusRow>(rows.length);
  for (let i = 0; i < rows.length; i++) grouped[next[station[i]]++] = rows[i];
  return grouped;
}

/** The columns of a raw status row: a state's, but its cell (station_status has none), and its poll's feed time. */
const STATUS_SOURCE: UnnestColumn<StatusRow>[] = [...(STATE_SOURCE as UnnestColumn<StatusRow>[]).filter((column) => column.name !== 'h3'), feedTimeColumn<StatusRow>()];

/** Raw statuses of many polls (station_status), each at its poll's feed time: COPY on a server, unnest on PGlite. */
export async function insertStatusRows(tx: Executor, systemId: string, rows: readonly StatusRow[]): Promise<void> {
  if (canCopy(tx) && (await copyRows(tx, 'station_status', statusCopyColumns(systemId), groupedByStation(rows)))) return;
  await inBatches(rows, (batch) =>
    tx.execute(sql`
      insert into station_status (system_id, station_id, feed_time, present, is_installed, is_renting, is_returning, bikes,
        docks, ebikes, mechanical, last_reported)
      select ${systemId}, r.station_id, to_timestamp(r.feed_time), r.present, r.is_installed, r.is_renting, r.is_returning,
        r.bikes, r.docks, r.ebikes, r.mechanical, to_timestamp(r.last_reported)
      from ${unnestRows(batch, STATUS_SOURCE)}`),
  );
}

/** A station_hourly row as COPY takes it: what lib/hotspots/storeHourly.ts's statements write. */
function hourlyCopyColumns(systemId: string): CopyColumn<HourlyFigures>[] {
  const seconds = (name: string, value: (f: HourlyFigures) => number): CopyColumn<HourlyFigures> => ({ name, type: 'float8', value });
  return [
    { name: 'system_id', type: 'text', value: () => systemId },
    { name: 'hour_start', type: 'epoch', value: (f) => f.hourStart },
    { name: 'station_id', type: 'text', value: (f) => f.stationId },
    { name: 'h3', type: 'text', value: (f) => f.h3 },
    seconds('observed_s', (f) => f.observedS),
    seconds('bike_s', (f) => f.bikeS),
    seconds('typed_s', (f) => f.typedS),
    seconds('ebike_s', (f) => f.ebikeS),
    seconds('mechanical_s', (f) => f.mechanicalS),
    seconds('dock_s', (f) => f.dockS),
    seconds('full_s', (f) => f.fullS),
    seconds('empty_s', (f) => f.emptyS),
  ];
}

/** Hourly rows of hours with no row stored yet: COPY on a server, an insert without conflict handling on PGlite. */
export async function insertHourRows(tx: Executor, systemId: string, rows: readonly HourlyFigures[]): Promise<void> {
  if (canCopy(tx) && (await copyRows(tx, 'station_hourly', hourlyCopyColumns(systemId), rows))) return;
  await insertRollups(tx, systemId, rows);
}

/** Description versions of many polls (station_versions), each valid from its poll's feed time. */
export async function insertVersionRows(tx: Executor, systemId: string, rows: readonly VersionRow[]): Promise<void> {
  await inBatches(rows, (batch) =>
    tx.execute(sql`
      insert into station_versions (system_id, station_id, valid_from, name, code, lat, lon, h3, capacity)
      select ${systemId}, r.station_id, to_timestamp(r.valid_from), r.name, r.code, r.lat, r.lon, r.h3, r.capacity
      from ${unnestRows(batch, [...(DESCRIPTION_SOURCE as UnnestColumn<VersionRow>[]), { name: 'valid_from', type: 'bigint', value: (r) => r.validFrom }])}`),
  );
}

/** The stations' current descriptions after the series; a station stored before keeps its first_seen. */
export async function upsertDescriptions(tx: Executor, systemId: string, rows: readonly DescriptionRow[]): Promise<void> {
  const columns: UnnestColumn<DescriptionRow>[] = [
    ...DESCRIPTION_SOURCE.map((column) => ({ ...column, value: (r: DescriptionRow) => column.value(r.station) })),
    { name: 'first_seen', type: 'bigint', value: (r) => r.firstSeen },
    { name: 'valid_from', type: 'bigint', value: (r) => r.validFrom },
  ];
  await inBatches(rows, (batch) =>
    tx.execute(sql`
      insert into stations (system_id, station_id, name, code, lat, lon, h3, capacity, first_seen, valid_from)
      select ${systemId}, r.station_id, r.name, r.code, r.lat, r.lon, r.h3, r.capacity, to_timestamp(r.first_seen), to_timestamp(r.valid_from)
      from ${unnestRows(batch, columns)}
      on conflict (system_id, station_id) do update set name = excluded.name, code = excluded.code, lat = excluded.lat,
        lon = excluded.lon, h3 = excluded.h3, capacity = excluded.capacity, valid_from = excluded.valid_from`),
  );
}

/** station_state after the series: the states it changed. */
export async function upsertStates(tx: Executor, systemId: string, states: readonly PolledState[]): Promise<void> {
  await inBatches(states, (batch) =>
    tx.execute(sql`
      insert into station_state (system_id, station_id, h3, present, is_installed, is_renting, is_returning, bikes,
        docks, ebikes, mechanical, last_reported)
      select ${systemId}, r.station_id, r.h3, r.present, r.is_installed, r.is_renting, r.is_returning, r.bikes, r.docks,
        r.ebikes, r.mechanical, to_timestamp(r.last_reported)
      from ${unnestRows(batch, STATE_SOURCE)}
      on conflict (system_id, station_id) do update set
        h3 = excluded.h3, present = excluded.present, is_installed = excluded.is_installed,
        is_renting = excluded.is_renting, is_returning = excluded.is_returning, bikes = excluded.bikes, docks = excluded.docks,
        ebikes = excluded.ebikes, mechanical = excluded.mechanical, last_reported = excluded.last_reported`),
  );
}

const POLL_SOURCE: UnnestColumn<PollRow>[] = [
  feedTimeColumn<PollRow>(),
  { name: 'stations_seen', type: 'int', value: (p) => p.stationsSeen },
  { name: 'rows_written', type: 'int', value: (p) => p.rowsWritten },
  { name: 'skipped', type: 'text', value: (p) => JSON.stringify(p.skipped) },
];

/**
 * The polls and their runs: a run `ok` per snapshot (trigger `import`, at the import's time, as a
 * poll logs its own) and its row in `polls`, which names the run.
 */
export async function insertPollsAndRuns(tx: Executor, systemId: string, polls: readonly PollRow[], at: number): Promise<void> {
  await inBatches(polls, (batch) =>
    tx.execute(sql`
      with r as materialized (select * from ${unnestRows(batch, POLL_SOURCE)}),
        runs as (
          insert into ingest_runs (system_id, trigger, started_at, finished_at, status, feed_time, stations_seen, rows_written, skipped, duration_ms)
          select ${systemId}, 'import', to_timestamp(${at / 1000}), to_timestamp(${at / 1000}), 'ok', to_timestamp(r.feed_time),
            r.stations_seen, r.rows_written, r.skipped::jsonb, 0
          from r order by r.feed_time
          returning id, feed_time, stations_seen)
      insert into polls (system_id, feed_time, run_id, stations_seen)
      select ${systemId}, runs.feed_time, runs.id, runs.stations_seen from runs`),
  );
}
