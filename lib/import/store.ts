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
import { canCopy, copyField, copyRows } from '@/db/copyRows';
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

const STATUS_COPY_COLUMNS = ['system_id', 'station_id', 'feed_time', 'present', 'is_installed', 'is_renting', 'is_returning', 'bikes', 'docks', 'ebikes', 'mechanical', 'last_reported'];

/** A station_status row as COPY takes it: what STATE_SOURCE and the insert below write. */
function statusLine(systemId: string): (row: StatusRow) => string {
  const { text, epoch, boolean, int } = copyField;
  const system = text(systemId);
  return (r) =>
    `${system}\t${text(r.stationId)}\t${epoch(r.feedTime)}\t${boolean(r.present)}\t${boolean(r.installed)}\t${boolean(r.renting)}\t` +
    `${boolean(r.returning)}\t${int(r.bikes)}\t${int(r.docks)}\t${int(r.ebikes)}\t${int(r.mechanical)}\t${epoch(r.lastReported)}`;
}

/** The columns of a raw status row: a state's, but its cell (station_status has none), and its poll's feed time. */
const STATUS_SOURCE: UnnestColumn<StatusRow>[] = [...(STATE_SOURCE as UnnestColumn<StatusRow>[]).filter((column) => column.name !== 'h3'), feedTimeColumn<StatusRow>()];

/** Raw statuses of many polls (station_status), each at its poll's feed time: COPY on a server, unnest on PGlite. */
export async function insertStatusRows(tx: Executor, systemId: string, rows: readonly StatusRow[]): Promise<void> {
  if (canCopy(tx) && (await copyRows(tx, 'station_status', STATUS_COPY_COLUMNS, rows, statusLine(systemId)))) return;
  await inBatches(rows, (batch) =>
    tx.execute(sql`
      insert into station_status (system_id, station_id, feed_time, present, is_installed, is_renting, is_returning, bikes,
        docks, ebikes, mechanical, last_reported)
      select ${systemId}, r.station_id, to_timestamp(r.feed_time), r.present, r.is_installed, r.is_renting, r.is_returning,
        r.bikes, r.docks, r.ebikes, r.mechanical, to_timestamp(r.last_reported)
      from ${unnestRows(batch, STATUS_SOURCE)}`),
  );
}

const HOURLY_COPY_COLUMNS = ['system_id', 'hour_start', 'station_id', 'h3', 'observed_s', 'bike_s', 'typed_s', 'ebike_s', 'mechanical_s', 'dock_s', 'full_s', 'empty_s'];

/** A station_hourly row as COPY takes it: what lib/hotspots/storeHourly.ts's statements write. */
function hourlyLine(systemId: string): (row: HourlyFigures) => string {
  const { text, epoch, float8 } = copyField;
  const system = text(systemId);
  return (f) =>
    `${system}\t${epoch(f.hourStart)}\t${text(f.stationId)}\t${text(f.h3)}\t${float8(f.observedS)}\t${float8(f.bikeS)}\t${float8(f.typedS)}\t` +
    `${float8(f.ebikeS)}\t${float8(f.mechanicalS)}\t${float8(f.dockS)}\t${float8(f.fullS)}\t${float8(f.emptyS)}`;
}

/** Hourly rows of hours with no row stored yet: COPY on a server, an insert without conflict handling on PGlite. */
export async function insertHourRows(tx: Executor, systemId: string, rows: readonly HourlyFigures[]): Promise<void> {
  if (canCopy(tx) && (await copyRows(tx, 'station_hourly', HOURLY_COPY_COLUMNS, rows, hourlyLine(systemId)))) return;
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
