/**
 * GET /api/stations: every station of a system, for the map's search. Descriptions change only
 * when a poll lands, so an answer is kept per (system, newest poll) and shared meanwhile.
 */
import { getDatabase, type Database } from '@/db/client';
import { readSystemState } from '@/lib/systems/readState';
import { Memo, perDatabase } from '../cache';
import type { StationsQuery, StationsResponse } from './schemas';
import { systemStations } from './sql';

const answers = perDatabase(
  (database: Database) =>
    new Memo<string, StationsResponse, string>({ max: 64, load: async (_key, systemId) => ({ system: systemId, stations: await systemStations(database.db, systemId) }) }),
);

export interface StationsAnswer {
  body: StationsResponse;
  /** Changes exactly when the answer may: with the system's newest poll. */
  etag: string;
}

export async function getStations(query: StationsQuery): Promise<StationsAnswer> {
  const database = await getDatabase();
  const { system, version } = await readSystemState(database.db, query.system);
  const newestPoll = version.newestPoll ?? 0;
  const body = await answers(database).fetch(`${system.id}|${newestPoll}`, system.id);
  return { body, etag: `W/"stations-${system.id}-${newestPoll}"` };
}

/**
 * A few minutes in browsers and caches: stations are added or renamed rarely, and a search that
 * misses one for that long misleads nobody. The ETag lets a revalidation answer 304.
 */
export const STATIONS_CACHE_CONTROL = 'public, max-age=300, s-maxage=300, stale-while-revalidate=3600';
