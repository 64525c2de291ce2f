/** The entry point every trigger uses (cron route, in-process scheduler, CLI). */
import { readConfig } from '@/lib/config';
import { configuredSystems, type SystemConfig } from '@/lib/systems';
import { getDatabase } from '@/db/client';
import type { RunRecord } from '@/db/runs';
import { NotFoundError } from '@/lib/read/resolveSystem';
import { pollSystems, type RunSummary } from './pollSystem';

export function selectSystems(systemId: string | undefined, systems: SystemConfig[] = configuredSystems()): SystemConfig[] {
  if (systemId === undefined) return systems;
  const found = systems.filter((s) => s.id === systemId);
  if (found.length === 0) {
    throw new NotFoundError('unknown_system', `unknown system "${systemId}"`, 'system', systems.map((s) => s.id).join(', '));
  }
  return found;
}

export async function runIngest(trigger: RunRecord['trigger'], systemId?: string): Promise<RunSummary[]> {
  const systems = selectSystems(systemId);
  const { db } = await getDatabase();
  return pollSystems(db, systems, trigger, readConfig());
}
