/** Removing, pausing and resuming a listed system. */
import { ConflictError } from '@/lib/api/errors';
import { configuredSystem, forgetListedSystems, type ListedSystem } from '@/lib/systems/listed';
import type { Db } from '@/db/client';
import { deleteAddedSystem, purgeSystemData, setPaused } from '@/lib/systems/store';

export interface RemovedSystem {
  id: string;
  purged: boolean;
  /** Rows deleted with --purge (0 when the data was kept). */
  rowsDeleted: number;
}

function removable(system: ListedSystem): void {
  if (system.source === 'added') return;
  const where = system.source === 'env' ? 'GBFS_SYSTEMS' : 'the built-in catalog (set GBFS_SYSTEMS to replace it)';
  throw new ConflictError('system_not_removable', `system "${system.id}" comes from ${where}: remove it there, or pause it`, 'id');
}

/** Stops listing an added system; its data stays (to add it again under the same id) unless purged. */
export async function removeSystem(db: Db, id: string, { purge = false }: { purge?: boolean } = {}): Promise<RemovedSystem> {
  removable(await configuredSystem(db, id));
  const rowsDeleted = await db.transaction(async (tx) => {
    await deleteAddedSystem(tx, id);
    return purge ? purgeSystemData(tx, id) : 0;
  });
  forgetListedSystems(db);
  return { id, purged: purge, rowsDeleted };
}

/** A paused system is not polled; its stored data is still served. */
export async function setSystemPaused(db: Db, id: string, paused: boolean): Promise<ListedSystem> {
  const system = await configuredSystem(db, id);
  await setPaused(db, id, paused);
  forgetListedSystems(db);
  return { ...system, paused };
}
