/** The systems table: what a system's own feed says about it (name, time zone, version). */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/rows';

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
