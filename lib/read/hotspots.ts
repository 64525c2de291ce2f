/** GET /api/hotspots: one day (or hours of it) of a system, as weighted hexagons. */
import { computeHotspots, type Resolution } from '@/lib/hotspots/aggregate';
import { localDateOf, localDayWindow } from '@/lib/hotspots/localTime';
import { METRIC_INFO } from '@/lib/api/metricInfo';
import type { HotspotsQuery, HotspotsResponse } from '@/lib/api/schemas';
import { getDatabase } from '@/db/client';
import { dataRange, windowFigures } from '@/db/readHotspots';
import { resolveSystem } from './resolveSystem';

const iso = (epochS: number) => new Date(epochS * 1000).toISOString();

export async function getHotspots(query: HotspotsQuery): Promise<HotspotsResponse> {
  const { db } = await getDatabase();
  const system = await resolveSystem(db, query.system);
  const from = query.from ?? 0;
  const to = query.to ?? 24;
  const metric = query.metric ?? 'occupancy';
  const resolution = (query.resolution ?? 10) as Resolution;
  const window = localDayWindow(query.date, from, to, system.timezone);
  const [rows, range] = await Promise.all([windowFigures(db, system.id, window.start, window.end), dataRange(db, system.id)]);
  const result = computeHotspots(rows, { metric, resolution, windowSeconds: window.end - window.start, limit: query.limit });
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
const SETTLE_MS = 15 * 60 * 1000;

/** A day that is over never changes; the current one changes every poll. */
export function cacheControlFor(response: Pick<HotspotsResponse, 'window'>, now = Date.now()): string {
  return Date.parse(response.window.end) + SETTLE_MS <= now
    ? 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400'
    : 'public, max-age=60, s-maxage=60, stale-while-revalidate=60';
}
