/** The systems this process collects and serves: GBFS_SYSTEMS, or the built-in catalog. */
import { NotFoundError } from '@/lib/api/errors';
import { getConfig } from './config';
import type { SystemConfig } from './systemCatalog';

export function configuredSystems(): SystemConfig[] {
  return getConfig().GBFS_SYSTEMS;
}

/** The system a request's `system` parameter names (default: the first), else a 404. */
export function configuredSystem(systemId: string | undefined): SystemConfig {
  const systems = configuredSystems();
  const system = systemId === undefined ? systems[0] : systems.find((s) => s.id === systemId);
  if (!system) {
    throw new NotFoundError('unknown_system', `unknown system "${systemId}"`, 'system', systems.map((s) => s.id).join(', '));
  }
  return system;
}
