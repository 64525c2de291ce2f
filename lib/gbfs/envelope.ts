/** The wrapper every GBFS file shares: {last_updated, ttl, version?, data: {...}}. */
import { z } from 'zod';
import { isPlainObject, numberLike } from './fields';
import { parseGbfsTime } from './time';
import { GbfsFormatError } from './types';

export interface FeedHeader {
  version: string | null;
  lastUpdated: number | null;
  ttl: number | null;
}

export interface Envelope extends FeedHeader {
  data: Record<string, unknown>;
}

const envelopeSchema = z.object({
  last_updated: z.unknown().optional(),
  // Velib (Smoove) names its timestamp this way and has no last_updated.
  lastUpdatedOther: z.unknown().optional(),
  ttl: numberLike.nullish().catch(null),
  version: z.union([z.string(), z.number().transform(String)]).nullish().catch(null),
  data: z.record(z.string(), z.unknown()),
});

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function parseEnvelope(json: unknown, feed: string): Envelope {
  if (!isPlainObject(json)) {
    throw new GbfsFormatError(`${feed}: expected a JSON object at the top level, got ${describe(json)}`, feed);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    // Every other field is optional or falls back to null: only `data` can fail.
    throw new GbfsFormatError(`${feed}: "data" must be an object, got ${describe(json.data)}`, feed);
  }
  const { last_updated, lastUpdatedOther, ttl, version, data } = parsed.data;
  return {
    version: version?.trim() || null,
    lastUpdated: parseGbfsTime(last_updated ?? lastUpdatedOther),
    ttl: ttl !== null && ttl !== undefined && ttl >= 0 ? Math.floor(ttl) : null,
    data,
  };
}

export function headerOf(envelope: Envelope): FeedHeader {
  return { version: envelope.version, lastUpdated: envelope.lastUpdated, ttl: envelope.ttl };
}

/** data.stations of station_information / station_status: a wrong shape fails the whole file. */
export function stationsOf(envelope: Envelope, feed: string): unknown[] {
  const stations = envelope.data.stations;
  if (!Array.isArray(stations)) {
    throw new GbfsFormatError(`${feed}: data.stations must be an array, got ${describe(stations)}`, feed);
  }
  return stations;
}
