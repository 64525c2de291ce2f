/**
 * GET /api/hotspots: a day, or a period of days (some weekdays of it, the same hours of each),
 * of a system as weighted hexagons; with a base period, each hexagon compared with it. A period's
 * value is its integrals summed over every selected hour, put through the metric's formula once.
 */
import { computeHotspots } from '@/lib/hotspots/aggregate';
import { compareHexagons } from '@/lib/hotspots/compare';
import { METRIC_INFO, type Resolution } from '@/lib/hotspots/types';
import { dayWindows, isoTime, localDateOf, localDayWindow, selectedDays, totalSeconds, type TimeWindow } from '@/lib/calendar';
import type { Period } from '@/lib/api/periodFields';
import type { HotspotsQuery, HotspotsResponse } from '@/lib/hotspots/schemas';
import { getConfig } from '@/lib/config';
import { getDatabase, type Database } from '@/db/client';
import { describeStations, observedDays, periodFigures } from '@/lib/hotspots/sql';
import type { DataVersion } from '@/lib/systems/sql';
import { readSystemState } from '../systems/readState';
import { LRUCache } from 'lru-cache';
import { Memo, perDatabase } from '../cache';

type Computed = ReturnType<typeof computeHotspots>;
type PeriodSummary = HotspotsResponse['period'];

interface PeriodResult {
  computed: Computed;
  summary: PeriodSummary;
  windows: TimeWindow[];
}

/** What an answer is computed from, beside its key. */
interface AnswerContext {
  system: { id: string; timezone: string };
  query: HotspotsQuery;
  version: DataVersion;
  now: number;
}

/**
 * Stored figures only change when a poll lands, so an answer is kept per (question, newest
 * poll) and shared by the requests that arrive meanwhile, even while it is being computed.
 * Periods that can no longer change also keep their hexagons across polls.
 */
const answers = perDatabase(
  (database: Database) =>
    new Memo<string, HotspotsResponse, AnswerContext>({ max: 200, load: (_key, { system, query, version, now }) => answerHotspots(database, system, query, version, now) }),
);
const settledPeriods = perDatabase(() => new LRUCache<string, PeriodResult>({ max: 100 }));

/** The poll after a window's end can still credit its last minutes (up to MAX_GAP_SECONDS). */
function isSettled(windowEnd: number, now: number): boolean {
  return (windowEnd + getConfig().MAX_GAP_SECONDS) * 1000 <= now;
}

export async function getHotspots(query: HotspotsQuery, now = Date.now()): Promise<HotspotsResponse> {
  const database = await getDatabase();
  const { system, version } = await readSystemState(database.db, query.system);
  const { period, base, weekdays, from, to, metric, resolution, limit } = query;
  const key = JSON.stringify([system.id, system.timezone, query.date, period, base, weekdays, from, to, metric, resolution, limit ?? null]);
  return answers(database).fetch(`${key}|${version.newestPoll}`, { system, query, version, now });
}

async function periodResult(database: Database, system: { id: string; timezone: string }, period: Period, query: HotspotsQuery, now: number): Promise<PeriodResult> {
  const { from, to, metric, weekdays } = query;
  const resolution = query.resolution as Resolution;
  const key = JSON.stringify([system.id, system.timezone, period, weekdays, from, to, metric, resolution]);
  const settled = settledPeriods(database);
  const kept = settled.get(key);
  if (kept) return kept;

  const days = selectedDays(period.start, period.end, weekdays);
  const windows = dayWindows(days, from, to, system.timezone);
  const selection = { start: period.start, end: period.end, weekdays, from, to };
  const [rows, observed] = await Promise.all([periodFigures(database.db, system.id, selection), observedDays(database.db, system.id, selection)]);
  const described = await describeStations(database.db, system.id, [...new Set(rows.map((row) => row.stationId))]);
  const stations = new Map(described.map((s) => [s.stationId, { name: s.name, capacity: s.capacity }]));
  const result: PeriodResult = {
    computed: computeHotspots(rows, { metric, resolution, windowSeconds: totalSeconds(windows), stations }),
    summary: { ...period, days: days.length, daysWithData: observed.length, weekdays },
    windows,
  };
  if (windows.length === 0 || isSettled(windows[windows.length - 1].end, now)) settled.set(key, result);
  return result;
}

async function answerHotspots(
  database: Database,
  system: { id: string; timezone: string },
  query: HotspotsQuery,
  version: DataVersion,
  now: number,
): Promise<HotspotsResponse> {
  const { from, to, metric, limit } = query;
  const [current, base] = await Promise.all([
    periodResult(database, system, query.period, query, now),
    query.base ? periodResult(database, system, query.base, query, now) : null,
  ]);
  const { computed, windows } = current;
  // A period without a selected day (Sundays of a Monday) still spans its first and last day's hours.
  const span = {
    start: windows[0]?.start ?? localDayWindow(query.period.start, from, to, system.timezone).start,
    end: windows.at(-1)?.end ?? localDayWindow(query.period.end, from, to, system.timezone).end,
  };
  const hexagons = base ? compareHexagons(computed.hexagons, base.computed.hexagons, limit) : limit === undefined ? computed.hexagons : computed.hexagons.slice(0, limit);
  return {
    system: system.id,
    date: query.date,
    period: current.summary,
    base: base?.summary ?? null,
    timezone: system.timezone,
    resolution: query.resolution,
    metric,
    unit: METRIC_INFO[metric].unit,
    window: { from, to, start: isoTime(span.start)!, end: isoTime(span.end)! },
    generatedAt: new Date(now).toISOString(),
    coverage: computed.coverage,
    stations: computed.stations,
    dataRange: {
      firstDay: version.first === null ? null : localDateOf(version.first, system.timezone),
      lastDay: version.last === null ? null : localDateOf(version.last, system.timezone),
    },
    hexagons,
  };
}

/** A period that is over never changes; one that holds the current day changes every poll. */
export function cacheControlFor(response: Pick<HotspotsResponse, 'window'>, now = Date.now()): string {
  return isSettled(Date.parse(response.window.end) / 1000, now)
    ? 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400'
    : 'public, max-age=60, s-maxage=60, stale-while-revalidate=60';
}
