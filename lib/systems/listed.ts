/**
 * The systems this process collects and serves: GBFS_SYSTEMS (else the built-in catalog), then
 * the ones added at run time, each perhaps paused. The list lives partly in the database, so
 * every poll round reads it afresh and a system added by another process is polled from the next
 * round; requests share a reading for at most FRESH_FOR_MS.
 */
import { ConflictError, NotFoundError } from '@/lib/api/errors';
import type { Db } from '@/db/client';
import { addedSystemRows, pausedSystemIds } from '@/lib/systems/sql';
import { getConfig } from '../config';
import { FRESH_FOR_MS, Memo, perDatabase } from '../cache';
import { BUILT_IN_SYSTEMS, type SystemConfig } from './catalog';

export type SystemSource = 'built-in' | 'env' | 'added';

export interface ListedSystem extends SystemConfig {
  source: SystemSource;
  paused: boolean;
}

/** The systems the environment names: GBFS_SYSTEMS, else the built-in catalog. */
export function environmentSystems(): Array<SystemConfig & { source: SystemSource }> {
  return getConfig().GBFS_SYSTEMS.map((system) => ({ ...system, source: BUILT_IN_SYSTEMS.includes(system) ? 'built-in' : 'env' }));
}

async function readListedSystems(db: Db): Promise<ListedSystem[]> {
  const [added, paused] = await Promise.all([addedSystemRows(db), pausedSystemIds(db)]);
  const pausedIds = new Set(paused);
  const fromEnvironment = environmentSystems();
  const taken = new Set(fromEnvironment.map((s) => s.id));
  return [
    ...fromEnvironment,
    // An added id that GBFS_SYSTEMS later names too is the environment's.
    ...added.filter((s) => !taken.has(s.id)).map((s) => ({ id: s.id, gbfsUrl: s.gbfsUrl, ...(s.feedAuth && { auth: s.feedAuth }), source: 'added' as const })),
  ].map((system) => ({ ...system, paused: pausedIds.has(system.id) }));
}

const readings = perDatabase((db: Db) => new Memo<'listed', ListedSystem[]>({ max: 1, freshForMs: FRESH_FOR_MS, load: () => readListedSystems(db) }));

/** Every listed system, paused ones included; `fresh` skips the shared reading (poll rounds) and replaces it. */
export function listedSystems(db: Db, { fresh = false }: { fresh?: boolean } = {}): Promise<ListedSystem[]> {
  return fresh ? readings(db).refresh('listed') : readings(db).fetch('listed');
}

/** After this process changed the list: its next reading is fresh. */
export function forgetListedSystems(db: Db): void {
  readings(db).delete('listed');
}

/** The system a request's `system` parameter names (default: the first), else a 404. */
export async function configuredSystem(db: Db, systemId: string | undefined): Promise<ListedSystem> {
  const systems = await listedSystems(db);
  const system = systemId === undefined ? systems[0] : systems.find((s) => s.id === systemId);
  if (!system) {
    throw new NotFoundError('unknown_system', `unknown system "${systemId}"`, 'system', systems.map((s) => s.id).join(', '));
  }
  return system;
}

/** The systems a poll round polls: every one not paused, or the one named (404 unknown, 409 paused). */
export async function systemsToPoll(db: Db, systemId: string | undefined): Promise<ListedSystem[]> {
  if (systemId === undefined) return (await listedSystems(db, { fresh: true })).filter((s) => !s.paused);
  const system = await configuredSystem(db, systemId);
  if (system.paused) throw new ConflictError('system_paused', `system "${system.id}" is paused; resume it to poll it`, 'system');
  return [system];
}
