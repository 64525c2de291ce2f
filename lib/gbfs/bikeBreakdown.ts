/**
 * Splitting available bikes into e-bikes and mechanical bikes. Feeds say it three ways:
 * Velib's num_bikes_available_types, v2/v3 vehicle_types_available (needs vehicle_types.json),
 * and Lyft/PBSC's num_ebikes_available.
 */
import type { VehicleKinds } from './types';

export interface BikeBreakdown {
  ebikes: number | null;
  mechanical: number | null;
}

export interface BreakdownSources {
  bikes: number;
  /** Velib's [{"mechanical":n},{"ebike":m}] merged into one object. */
  velibTypes?: Readonly<Record<string, number>> | null;
  vehicleTypesAvailable?: ReadonlyArray<{ vehicleTypeId: string; count: number }> | null;
  numEbikesAvailable?: number | null;
  vehicleKinds?: VehicleKinds;
}

const UNKNOWN: BikeBreakdown = { ebikes: null, mechanical: null };

const remainder = (bikes: number, part: number) => Math.max(0, bikes - part);

function fromVelibTypes(bikes: number, types: Readonly<Record<string, number>>): BikeBreakdown | null {
  const ebikes = types.ebike;
  const mechanical = types.mechanical;
  if (ebikes === undefined && mechanical === undefined) return null;
  return {
    ebikes: ebikes ?? remainder(bikes, mechanical),
    mechanical: mechanical ?? remainder(bikes, ebikes),
  };
}

/** Only when every listed type is known: a partial sum would under-count silently. */
function fromVehicleTypes(
  available: ReadonlyArray<{ vehicleTypeId: string; count: number }>,
  kinds: VehicleKinds,
): BikeBreakdown | null {
  if (available.length === 0) return null;
  let ebikes = 0;
  let mechanical = 0;
  for (const { vehicleTypeId, count } of available) {
    const kind = kinds.get(vehicleTypeId);
    if (kind === undefined) return null;
    if (kind === 'ebike') ebikes += count;
    else if (kind === 'mechanical') mechanical += count;
  }
  return { ebikes, mechanical };
}

export function breakDownBikes(sources: BreakdownSources): BikeBreakdown {
  const { bikes } = sources;
  if (sources.velibTypes) {
    const velib = fromVelibTypes(bikes, sources.velibTypes);
    if (velib) return velib;
  }
  if (sources.vehicleTypesAvailable && sources.vehicleKinds) {
    const typed = fromVehicleTypes(sources.vehicleTypesAvailable, sources.vehicleKinds);
    if (typed) return typed;
  }
  const ebikes = sources.numEbikesAvailable;
  if (ebikes !== null && ebikes !== undefined) return { ebikes, mechanical: remainder(bikes, ebikes) };
  return UNKNOWN;
}
