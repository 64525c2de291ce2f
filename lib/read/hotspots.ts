/** GET /api/hotspots: one day (or hours of it) of a system, as weighted hexagons. */
import { computeHotspots } from '@/lib/hotspots/aggregate';
import type { Resolution } from '@/lib/hotspots/types';
import { localDateOf, localDayWindow } from '@/lib/hotspots/localTime';
import { METRIC_INFO } from '@/lib/api/metricInfo';
import type { HotspotsQuery, HotspotsResponse } from '@/lib/api/schemas';
import { getConfig } from '@/lib/config';
import { isoTime } from '@/lib/isoTime';
import { getDatabase, type Database } from '@/db/client';
import { windowFigures, type DataVersion } from '@/db/readQueries';
import { readSystemState } from './systemState';
import { perDatabase } from './lruCache';

type Computed = ReturnType<typeof computeHotspots>;

/**
 * Stored figures only change when a poll lands, so an answer is kept per (question, newest
 * poll) and shared by the requests that arrive meanwhile, even while it is being computed.
 * Windows that can no longer change also keep their hexagons across polls.
 */
const answers = perDatabase<Promise<HotspotsResponse>>(200);
const settledHexagons = perDatabase<Computed>(100);

/** The poll after a window's end can still credit its last minutes (up to MAX_GAP_SECONDS). */
function isSettled(windowEnd: number, now: number): boolean {
  return (windowEnd + getConfig().MAX_GAP_SECONDS) * 1000 <= now;
}

export async function getHotspots(query: HotspotsQuery, now = Date.now()): Promise<HotspotsResponse> {
  const database = await getDatabase();
  const { system, version } = await readSystemState(database.db, query.system);
  const key = JSON.stringify([system.id, system.timezone, query.date, query.from, query.to, query.metric, query.resolution, query.limit ?? null]);
  const cache = answers(database);
  const versionKey = `${key}|${version.newestPoll}`;
  let answer = cache.get(versionKey);
  if (!answer) {
    answer = answerHotspots(database, system, query, version, key, now);
    cache.set(versionKey, answer);
    answer.catch(() => cache.delete(versionKey));
  }
  return answer;
}

async function answerHotspots(
  database: Database,
  system: { id: string; timezone: string },
  query: HotspotsQuery,
  version: DataVersion,
  key: string,
  now: number,
): Promise<HotspotsResponse> {
  const { from, to, metric } = query;
  const resolution = query.resolution as Resolution;
  const window = localDayWindow(query.date, from, to, system.timezone);
  const settled = settledHexagons(database);
  let result = settled.get(key);
  if (!result) {
    const rows = await windowFigures(database.db, system.id, window.start, window.end);
    result = computeHotspots(rows, { metric, resolution, windowSeconds: window.end - window.start, limit: query.limit });
    if (isSettled(window.end, now)) settled.set(key, result);
  }
  return {
    system: system.id,
    date: query.date,
    timezone: system.timezone,
    resolution,
    metric,
    unit: METRIC_INFO[metric].unit,
    window: { from, to, start: isoTime(window.start), end: isoTime(window.end) },
    generatedAt: new Date(now).toISOString(),
    coverage: result.coverage,
    stations: result.stations,
    dataRange: {
      firstDay: version.first === null ? null : localDateOf(version.first, system.timezone),
      lastDay: version.last === null ? null : localDateOf(version.last, system.timezone),
    },
    hexagons: result.hexagons,
  };
}

/** A day that is over never changes; the current one changes every poll. */
export function cacheControlFor(response: Pick<HotspotsResponse, 'window'>, now = Date.now()): string {
  return isSettled(Date.parse(response.window.end) / 1000, now)
    ? 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400'
    : 'public, max-age=60, s-maxage=60, stale-while-revalidate=60';
}
