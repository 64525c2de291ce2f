/** The entry point every trigger uses (cron route, in-process scheduler, CLI). */
import { getConfig } from '@/lib/config';
import { configuredSystem, configuredSystems } from '@/lib/systems';
import { getDatabase } from '@/db/client';
import type { RunRecord } from '@/db/runs';
import { pollSystems, type RunSummary } from './pollSystem';

/** Every configured system, or the one named (404 when it is not configured). */
export function systemsToPoll(systemId: string | undefined) {
  return systemId === undefined ? configuredSystems() : [configuredSystem(systemId)];
}

export async function runIngest(trigger: RunRecord['trigger'], systemId?: string): Promise<RunSummary[]> {
  const systems = systemsToPoll(systemId);
  const { db } = await getDatabase();
  return pollSystems(db, systems, trigger, getConfig());
}
