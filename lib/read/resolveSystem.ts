/** A request's `system` parameter: a configured system (default: the first), else a 404. */
import { configuredSystems, type SystemConfig } from '@/lib/systems';

export class NotFoundError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly parameter?: string,
    readonly accepted?: string,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export function configuredSystem(systemId: string | undefined): SystemConfig {
  const systems = configuredSystems();
  const system = systemId === undefined ? systems[0] : systems.find((s) => s.id === systemId);
  if (!system) {
    throw new NotFoundError('unknown_system', `unknown system "${systemId}"`, 'system', systems.map((s) => s.id).join(', '));
  }
  return system;
}
