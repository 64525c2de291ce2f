/** GET /api/hotspots: one day (or hours of it) of a system, as weighted hexagons. */
import { computeHotspots, type Resolution } from '@/lib/hotspots/aggregate';
import { localDateOf, localDayWindow } from '@/lib/hotspots/localTime';
import { METRIC_INFO } from '@/lib/api/metricInfo';
import type { HotspotsQuery, HotspotsResponse } from '@/lib/api/schemas';
import { readConfig } from '@/lib/config';
import { getDatabase } from '@/db/client';
import { dataRange, windowFigures } from '@/db/readHotspots';
import { resolveSystem } from './resolveSystem';
import { SettledCache } from './settledCache';

const iso = (epochS: number) => new Date(epochS * 1000).toISOString();

type Computed = ReturnType<typeof computeHotspots>;

/** Per open database (tests open several in one process); ~100 answers of a few hundred kB. */
const settledByDatabase = new WeakMap<object, SettledCache<Computed>>();
function settledCacheOf(database: object): SettledCache<Computed> {
  let cache = settledByDatabase.get(database);
  if (!cache) settledByDatabase.set(database, (cache = new SettledCache<Computed>(100)));
  return cache;
}

export async function getHotspots(query: HotspotsQuery, now = Date.now()): Promise<HotspotsResponse> {
  const database = await getDatabase();
  const { db } = database;
  const system = await resolveSystem(db, query.system);
  const from = query.from ?? 0;
  const to = query.to ?? 24;
  const metric = query.metric ?? 'occupancy';
  const resolution = (query.resolution ?? 10) as Resolution;
  const window = localDayWindow(query.date, from, to, system.timezone);
  const key = JSON.stringify([system.id, system.timezone, query.date, from, to, metric, resolution, query.limit ?? null]);
  const settled = settledCacheOf(database);
  const compute = async () =>
    computeHotspots(await windowFigures(db, system.id, window.start, window.end), {
      metric,
      resolution,
      windowSeconds: window.end - window.start,
      limit: query.limit,
    });
  const [result, range] = await Promise.all([settled.get(key) ?? compute(), dataRange(db, system.id)]);
  if (isSettled(window.end, now)) settled.set(key, result);
  return {
    system: system.id,
    date: query.date,
    timezone: system.timezone,
    resolution,
    metric,
    unit: METRIC_INFO[metric].unit,
    window: { from, to, start: iso(window.start), end: iso(window.end) },
    generatedAt: new Date().toISOString(),
    coverage: result.coverage,
    stations: result.stations,
    dataRange: {
      firstDay: range.first === null ? null : localDateOf(range.first, system.timezone),
      lastDay: range.last === null ? null : localDateOf(range.last, system.timezone),
    },
    hexagons: result.hexagons,
  };
}

/** The poll after a window's end can still credit its last minutes (up to MAX_GAP_SECONDS). */
function isSettled(windowEnd: number, now: number): boolean {
  return (windowEnd + readConfig().MAX_GAP_SECONDS) * 1000 <= now;
}

/** A day that is over never changes; the current one changes every poll. */
export function cacheControlFor(response: Pick<HotspotsResponse, 'window'>, now = Date.now()): string {
  return isSettled(Date.parse(response.window.end) / 1000, now)
    ? 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400'
    : 'public, max-age=60, s-maxage=60, stale-while-revalidate=60';
}
