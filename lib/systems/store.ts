/**
 * A system's writes: what its own feed says about it (name, time zone, version), the systems added
 * at run time and the paused ones, and purging everything stored of one.
 */
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '@/db/schema';
import { queryRows, type Executor } from '@/db/rows';
import { lockSystemForWriting } from '@/db/systemLock';
import type { AddedSystemRow } from './sql';

export interface SystemRow {
  id: string;
  name: string;
  timezone: string;
  gbfsUrl: string;
  version: string | null;
}

/**
 * What a failed poll still learnt of a system: its name and time zone from system_information.
 * Its version is left as the last stored poll's.
 */
export async function rememberSystem(executor: Executor, system: Omit<SystemRow, 'version'>): Promise<void> {
  await executor.execute(sql`
    insert into systems (id, name, timezone, gbfs_url, updated_at)
    values (${system.id}, ${system.name}, ${system.timezone}, ${system.gbfsUrl}, now())
    on conflict (id) do update set name = excluded.name, timezone = excluded.timezone, gbfs_url = excluded.gbfs_url, updated_at = now()`);
}

export async function upsertSystem(tx: Executor, system: SystemRow): Promise<void> {
  await tx.execute(sql`
    insert into systems (id, name, timezone, gbfs_url, gbfs_version, updated_at)
    values (${system.id}, ${system.name}, ${system.timezone}, ${system.gbfsUrl}, ${system.version}, now())
    on conflict (id) do update set name = excluded.name, timezone = excluded.timezone,
      gbfs_url = excluded.gbfs_url, gbfs_version = excluded.gbfs_version, updated_at = now()`);
}

/** False when the id is taken (by an earlier add, perhaps from another process at the same time). */
export async function insertAddedSystem(executor: Executor, system: AddedSystemRow): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`insert into added_systems (id, gbfs_url, feed_auth)
        values (${system.id}, ${system.gbfsUrl}, ${system.feedAuth === null ? null : JSON.stringify(system.feedAuth)}::jsonb)
        on conflict (id) do nothing returning id`,
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

/**
 * Every table of the schema with a system_id column, read from the schema itself so that a table
 * added later is purged too (the schema declares no foreign keys: the order does not matter).
 */
const SYSTEM_TABLES = (Object.values(schema) as unknown[])
  .filter((table): table is PgTable => is(table, PgTable))
  .map((table) => getTableConfig(table))
  .filter((config) => config.columns.some((column) => column.name === 'system_id'))
  .map((config) => config.name);

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
