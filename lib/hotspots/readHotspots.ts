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
 * Stored figures change when a poll lands, and only after the newest poll, or when a rebuild or
 * an import derives the rollups again (`rewrittenAt`). An answer is kept per question and data
 * version, shared by the requests that arrive meanwhile, even while it is being computed; one of
 * finished periods (every hour asked before the newest poll) is not keyed on the newest poll, so it
 * outlives polls, and its periods' hexagons are kept apart for comparisons and other questions.
 * The route sends each kept answer's JSON from bytes encoded once (lib/api/encodedJson.ts).
 */
const answers = perDatabase(
  (database: Database) =>
    new Memo<string, HotspotsResponse, AnswerContext>({ max: 200, load: (_key, { system, query, version, now }) => answerHotspots(database, system, query, version, now) }),
);
const settledPeriods = perDatabase(() => new LRUCache<string, PeriodResult>({ max: 100 }));

/**
 * Whether a window's figures are final: the newest poll is at or after its end, so the poll that
 * credits its last minutes has landed, and every later poll credits only time after it.
 */
function isFinished(windowEnd: number, version: DataVersion): boolean {
  return version.newestPoll !== null && windowEnd <= version.newestPoll;
}

/** The end (epoch s) of a period's last window, on the system's clock. */
function periodEnd(period: Period, query: HotspotsQuery, timezone: string): number {
  return localDayWindow(period.end, query.from, query.to, timezone).end;
}

export async function getHotspots(query: HotspotsQuery, now = Date.now()): Promise<HotspotsResponse> {
  const database = await getDatabase();
  const { system, version } = await readSystemState(database.db, query.system);
  const { period, base, weekdays, from, to, metric, resolution, limit } = query;
  const key = JSON.stringify([system.id, system.timezone, query.date, period, base, weekdays, from, to, metric, resolution, limit ?? null]);
  const finished = [period, ...(base ? [base] : [])].every((p) => isFinished(periodEnd(p, query, system.timezone), version));
  // A finished answer still names the days with data (`dataRange`): keyed on them, not on the newest poll.
  const dataKey = finished ? `finished|${dataRangeOf(version, system.timezone).lastDay}` : `${version.newestPoll}`;
  return answers(database).fetch(`${key}|${version.rewrittenAt}|${version.first}|${dataKey}`, { system, query, version, now });
}

function dataRangeOf(version: DataVersion, timezone: string): HotspotsResponse['dataRange'] {
  return {
    firstDay: version.first === null ? null : localDateOf(version.first, timezone),
    lastDay: version.last === null ? null : localDateOf(version.last, timezone),
  };
}

async function periodResult(database: Database, system: { id: string; timezone: string }, period: Period, query: HotspotsQuery, version: DataVersion): Promise<PeriodResult> {
  const { from, to, metric, weekdays } = query;
  const resolution = query.resolution as Resolution;
  const key = JSON.stringify([system.id, system.timezone, period, weekdays, from, to, metric, resolution, version.rewrittenAt]);
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
  if (isFinished(periodEnd(period, query, system.timezone), version)) settled.set(key, result);
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
    periodResult(database, system, query.period, query, version),
    query.base ? periodResult(database, system, query.base, query, version) : null,
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
    dataRange: dataRangeOf(version, system.timezone),
    hexagons,
  };
}

/** The poll after a window's end can still credit its last minutes (up to MAX_GAP_SECONDS). */
function isSettled(windowEnd: number, now: number): boolean {
  return (windowEnd + getConfig().MAX_GAP_SECONDS) * 1000 <= now;
}

/** A period that is over never changes; one that holds the current day changes every poll. */
export function cacheControlFor(response: Pick<HotspotsResponse, 'window'>, now = Date.now()): string {
  return isSettled(Date.parse(response.window.end) / 1000, now)
    ? 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400'
    : 'public, max-age=60, s-maxage=60, stale-while-revalidate=60';
}
