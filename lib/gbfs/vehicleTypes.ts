/** vehicle_types.json (v2.1+): which vehicle_type_id is an e-bike, which a plain bike. */
import { z } from 'zod';
import { parseEnvelope } from './envelope';
import { idLike } from './fields';
import { GbfsFormatError, type VehicleKinds } from './types';

const FEED = 'vehicle_types';

const ELECTRIC_PROPULSION = new Set(['electric_assist', 'electric']);

const vehicleType = z.object({
  vehicle_type_id: idLike,
  form_factor: z.string().nullish().catch(null),
  propulsion_type: z.string().nullish().catch(null),
});

/** Cargo bikes, scooters and cars are 'other': they are not what a bike station is counted in. */
export function vehicleKind(formFactor: string | null | undefined, propulsion: string | null | undefined) {
  if (formFactor !== 'bicycle') return 'other' as const;
  if (propulsion === 'human') return 'mechanical' as const;
  if (propulsion && ELECTRIC_PROPULSION.has(propulsion)) return 'ebike' as const;
  return 'other' as const;
}

export function parseVehicleTypes(json: unknown): VehicleKinds {
  const { data } = parseEnvelope(json, FEED);
  if (!Array.isArray(data.vehicle_types)) {
    throw new GbfsFormatError(`${FEED}: data.vehicle_types must be an array`, FEED);
  }
  const kinds = new Map<string, 'ebike' | 'mechanical' | 'other'>();
  for (const entry of data.vehicle_types) {
    // An unreadable type stays unknown, so stations listing it get no breakdown rather than a wrong one.
    const parsed = vehicleType.safeParse(entry);
    if (!parsed.success || kinds.has(parsed.data.vehicle_type_id)) continue;
    kinds.set(parsed.data.vehicle_type_id, vehicleKind(parsed.data.form_factor, parsed.data.propulsion_type));
  }
  return kinds;
}
