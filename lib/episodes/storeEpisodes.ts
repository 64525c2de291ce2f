/**
 * station_episodes' writes: a poll's EpisodeChanges applied in its transaction (storePoll), and
 * the runs of many polls landed at once (the import, the rebuild). A poll touches only the
 * stations that entered or left a state: a handful of rows, found through the partial index on
 * the open runs.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/rows';
import { unnestRows, type UnnestColumn } from '@/db/unnestRows';
import type { EpisodeChanges, EpisodeKey, StoredEpisode } from './episodes';

const KEY_COLUMNS: UnnestColumn<EpisodeKey>[] = [
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'station_id', type: 'text', value: (r) => r.stationId },
];

/** Applies what the poll at `feedTime` does to the runs (see episodeChanges). */
export async function storeEpisodeChanges(tx: Executor, systemId: string, feedTime: number, changes: EpisodeChanges): Promise<void> {
  if (changes.endAllAt !== null) {
    const at = sql`to_timestamp(${changes.endAllAt})`;
    // A run that began at the poll before the gap has no second: it never was.
    await tx.execute(sql`delete from station_episodes where system_id = ${systemId} and end_time is null and start_time = ${at}`);
    await tx.execute(sql`update station_episodes set end_time = ${at} where system_id = ${systemId} and end_time is null`);
  }
  if (changes.ended.length > 0) {
    await tx.execute(sql`
      update station_episodes e set end_time = to_timestamp(${feedTime})
      from ${unnestRows(changes.ended, KEY_COLUMNS)}
      where e.system_id = ${systemId} and e.kind = r.kind and e.station_id = r.station_id and e.end_time is null`);
  }
  if (changes.started.length > 0) {
    await tx.execute(sql`
      insert into station_episodes (system_id, kind, station_id, start_time)
      select ${systemId}, r.kind, r.station_id, to_timestamp(${feedTime}) from ${unnestRows(changes.started, KEY_COLUMNS)}`);
  }
}

const EPISODE_COLUMNS: UnnestColumn<StoredEpisode>[] = [
  ...(KEY_COLUMNS as UnnestColumn<StoredEpisode>[]),
  { name: 'start_time', type: 'bigint', value: (r) => r.start },
  { name: 'end_time', type: 'bigint', value: (r) => r.end },
];

/** Rows per statement, as the import's other writes. */
const BATCH_ROWS = 20_000;

/** Many runs at once, ended or open (the import, the rebuild). */
export async function insertEpisodes(tx: Executor, systemId: string, episodes: readonly StoredEpisode[]): Promise<void> {
  for (let i = 0; i < episodes.length; i += BATCH_ROWS) {
    await tx.execute(sql`
      insert into station_episodes (system_id, kind, station_id, start_time, end_time)
      select ${systemId}, r.kind, r.station_id, to_timestamp(r.start_time), to_timestamp(r.end_time)
      from ${unnestRows(episodes.slice(i, i + BATCH_ROWS), EPISODE_COLUMNS)}`);
  }
}

/** The runs still going at the newest stored poll, which the next poll (or an import) continues. */
export async function openEpisodes(tx: Executor, systemId: string): Promise<StoredEpisode[]> {
  const rows = await queryRows<Omit<StoredEpisode, 'end'>>(
    tx,
    sql`select kind, station_id as "stationId", extract(epoch from start_time)::float8 as start
        from station_episodes where system_id = ${systemId} and end_time is null`,
  );
  return rows.map((row) => ({ ...row, end: null }));
}

/** Removes the open runs: a bulk path that continues them lands them again from its ledger. */
export async function deleteOpenEpisodes(tx: Executor, systemId: string): Promise<void> {
  await tx.execute(sql`delete from station_episodes where system_id = ${systemId} and end_time is null`);
}
