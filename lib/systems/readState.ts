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
import { perDatabase } from '../cache';
import type { SystemConfig } from '@/lib/systems/catalog';
import { configuredSystem } from '@/lib/systems/listed';

export const FRESH_FOR_MS = 1000;

interface SystemState {
  system: StoredSystem;
  version: DataVersion;
}

interface Kept {
  state: Promise<SystemState>;
  readAt: number;
  polls: number;
}

const keptByDatabase = perDatabase<Kept>(64);

/** The system of a request's `system` parameter (404 when not configured) with its data version. */
export async function readSystemState(db: Db, systemId: string | undefined, clock: () => number = Date.now): Promise<SystemState> {
  const config = await configuredSystem(db, systemId);
  const { id } = config;
  const kept = keptByDatabase(db);
  const now = clock();
  const polls = committedPolls(db);
  const entry = kept.get(id);
  if (entry && entry.polls === polls && now - entry.readAt < FRESH_FOR_MS) return entry.state;

  const state = loadSystemState(db, config);
  const fresh = { state, readAt: now, polls };
  kept.set(id, fresh);
  state.catch(() => {
    if (kept.get(id) === fresh) kept.delete(id);
  });
  return state;
}

async function loadSystemState(db: Db, config: SystemConfig): Promise<SystemState> {
  const { id, known } = config;
  const [stored, version] = await Promise.all([findSystem(db, id), dataVersion(db, id)]);
  // Never polled: the catalog's name and zone, else the id and UTC (local days stay well defined).
  return { system: stored ?? { id, name: known?.name ?? id, timezone: known?.timezone ?? 'UTC' }, version };
}
