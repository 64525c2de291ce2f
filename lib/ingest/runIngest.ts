/** The entry point every trigger uses (cron route, in-process scheduler, CLI). */
import { getConfig } from '@/lib/config';
import { systemsToPoll } from '@/lib/systems/listed';
import { getDatabase } from '@/db/client';
import type { RunRecord } from '@/lib/ingest/runsSql';
import { pollSystems, type RunSummary } from './pollSystem';

/** Every listed system not paused, or the one named (404 unknown, 409 paused). */
export async function runIngest(trigger: RunRecord['trigger'], systemId?: string): Promise<RunSummary[]> {
  const { db } = await getDatabase();
  const systems = await systemsToPoll(db, systemId);
  return pollSystems(db, systems, trigger, getConfig());
}
