/**
 * The bulk path's writes, inside the import's one transaction: the rows storePoll writes one poll
 * at a time (lib/ingest/sql.ts), here many polls per statement, each row carrying its own feed
 * time. Rows travel as one array per column through unnest(), as the poll's do
 * (db/unnestRows.ts), in batches of bounded size.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/rows';
import { unnestRows, type UnnestColumn } from '@/db/unnestRows';
import type { PolledState } from '@/lib/hotspots/types';
import { DESCRIPTION_SOURCE, STATE_SOURCE } from '@/lib/ingest/sql';
import type { DescriptionRow, PollRow, StatusRow, VersionRow } from './ledger';

/** Rows per statement: large enough to amortise a round trip, small enough to bound its memory. */
export const BATCH_ROWS = 20_000;

async function inBatches<T>(rows: readonly T[], store: (batch: readonly T[]) => PromiseLike<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) await store(rows.slice(i, i + BATCH_ROWS));
}

const feedTimeColumn = <T extends { feedTime: number }>(): UnnestColumn<T> => ({ name: 'feed_time', type: 'bigint', value: (r) => r.feedTime });

/** Raw statuses of many polls (station_status), each at its poll's feed time. */
export async function insertStatusRows(tx: Executor, systemId: string, rows: readonly StatusRow[]): Promise<void> {
  await inBatches(rows, (batch) =>
    tx.execute(sql`
      insert into station_status (system_id, station_id, feed_time, present, is_installed, is_renting, is_returning, bikes,
        docks, ebikes, mechanical, last_reported)
      select ${systemId}, r.station_id, to_timestamp(r.feed_time), r.present, r.is_installed, r.is_renting, r.is_returning,
        r.bikes, r.docks, r.ebikes, r.mechanical, to_timestamp(r.last_reported)
      from ${unnestRows(batch, [...(STATE_SOURCE as UnnestColumn<StatusRow>[]), feedTimeColumn<StatusRow>()])}`),
  );
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
