/** The systems added at run time and the paused ones: rows of added_systems and paused_systems. */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/rows';
import { lockSystemForWriting } from '../../db/systemLock';

export interface AddedSystemRow {
  id: string;
  gbfsUrl: string;
}

export async function addedSystemRows(executor: Executor): Promise<AddedSystemRow[]> {
  return queryRows<AddedSystemRow>(executor, sql`select id, gbfs_url as "gbfsUrl" from added_systems order by added_at, id`);
}

export async function pausedSystemIds(executor: Executor): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(executor, sql`select system_id as id from paused_systems`);
  return rows.map((r) => r.id);
}

/** False when the id is taken (by an earlier add, perhaps from another process at the same time). */
export async function insertAddedSystem(executor: Executor, system: AddedSystemRow): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`insert into added_systems (id, gbfs_url) values (${system.id}, ${system.gbfsUrl}) on conflict (id) do nothing returning id`,
  );
  return rows.length === 1;
}

export async function deleteAddedSystem(executor: Executor, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(executor, sql`delete from added_systems where id = ${id} returning id`);
  return rows.length === 1;
}

export async function setPaused(executor: Executor, id: string, paused: boolean): Promise<void> {
  await executor.execute(
    paused
      ? sql`insert into paused_systems (system_id) values (${id}) on conflict (system_id) do nothing`
      : sql`delete from paused_systems where system_id = ${id}`,
  );
}

/** Every table that holds rows of a system, children before the tables they point to. */
const SYSTEM_TABLES = ['forecast_scores', 'forecast_issues', 'forecast_station_models', 'forecast_models', 'system_daily', 'station_daily', 'station_hourly', 'station_state', 'station_status', 'polls', 'station_versions', 'stations', 'ingest_runs', 'paused_systems'] as const;

/** Deletes everything stored of a system, under its writers' lock so that no poll lands halfway. */
export async function purgeSystemData(tx: Executor, id: string): Promise<number> {
  await lockSystemForWriting(tx, id);
  let deleted = 0;
  for (const table of SYSTEM_TABLES) {
    const [{ count }] = await queryRows<{ count: number }>(
      tx,
      sql`with gone as (delete from ${sql.identifier(table)} where system_id = ${id} returning 1) select count(*)::int as count from gone`,
    );
    deleted += count;
  }
  await tx.execute(sql`delete from systems where id = ${id}`);
  return deleted;
}
