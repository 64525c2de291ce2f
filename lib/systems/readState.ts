/**
 * The stored system and the version of its data, which every read answer is keyed on.
 *
 * Asking the database for them on each request costs two queries, and on the embedded database
 * (one WASM engine, one query at a time) they were what capped a cached answer at ~190 requests/s.
 * They change only when a poll lands, so they are kept until this process commits a poll, and at
 * most FRESH_FOR_MS: another process writing to a shared Postgres is seen within that time.
 */
import type { Db } from '@/db/client';
import { committedPolls } from '@/db/committedPolls';
import { dataVersion, findSystem, type DataVersion, type StoredSystem } from '@/lib/systems/sql';
import { FRESH_FOR_MS, Memo, perDatabase } from '../cache';
import type { SystemConfig } from '@/lib/systems/catalog';
import { configuredSystem } from '@/lib/systems/listed';

export { FRESH_FOR_MS };

interface SystemState {
  system: StoredSystem;
  version: DataVersion;
}

/** Per database, the states read since this process last committed a poll to it. */
const keptByDatabase = perDatabase((db: Db) => ({
  polls: committedPolls(db),
  states: new Memo<string, SystemState, SystemConfig>({ max: 64, freshForMs: FRESH_FOR_MS, load: (_id, config) => loadSystemState(db, config) }),
}));

/** The system of a request's `system` parameter (404 when not configured) with its data version. */
export async function readSystemState(db: Db, systemId: string | undefined): Promise<SystemState> {
  const config = await configuredSystem(db, systemId);
  const kept = keptByDatabase(db);
  const polls = committedPolls(db);
  if (kept.polls !== polls) {
    kept.states.clear();
    kept.polls = polls;
  }
  return kept.states.fetch(config.id, config);
}

async function loadSystemState(db: Db, config: SystemConfig): Promise<SystemState> {
  const { id, known } = config;
  const [stored, version] = await Promise.all([findSystem(db, id), dataVersion(db, id)]);
  // Never polled: the catalog's name and zone, else the id and UTC (local days stay well defined).
  return { system: stored ?? { id, name: known?.name ?? id, timezone: known?.timezone ?? 'UTC' }, version };
}
