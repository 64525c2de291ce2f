/**
 * A stored system's hourly figures read back as the forecast's per-station histories: what the
 * nightly fit, `npm run backtest` and bench/forecast.ts stand on.
 */
import type { Db } from '@/db/client';
import { hourlySpan, pollStatuses, pollTimes, stationHourFigures, stationsNow } from '@/lib/forecast/historySql';
import { zoneClock } from '@/lib/forecast/clock';
import { attachPollStates, capacityOf, firstPollOfEachHour, stationHistories } from '@/lib/forecast/histories';
import { PROFILE_WEEKS, SECONDS_PER_DAY } from '@/lib/forecast/thresholds';
import type { StationHistory } from '@/lib/forecast/types';

export interface SystemRef {
  id: string;
  timezone: string;
}

export interface SystemHistories {
  histories: Map<string, StationHistory>;
  /** Local hours read: [from, until). */
  from: number;
  until: number;
  rows: number;
  readMs: number;
}

/**
 * Days of history an N-day backtest reads: the N days of origins, the day of their furthest
 * horizon, PROFILE_WEEKS before the first one's fit (the start of its local day) and a day's
 * margin, so that the fallbacks see the history a live fit would.
 */
export const backtestReadDays = (days: number) => days + 1 + PROFILE_WEEKS * 7 + 1;

/**
 * Every listed station's history over the `days` before the end of the newest stored hour (or
 * before `until`), every local hour present, each with the station's counts at the hour's first
 * poll; null when the system has no hourly figures yet.
 */
export async function readSystemHistories(db: Db, system: SystemRef, days: number, until?: number): Promise<SystemHistories | null> {
  const started = performance.now();
  const clock = zoneClock(system.timezone);
  const span = await hourlySpan(db, system.id);
  if (span.first === null || span.last === null) return null;
  const end = until ?? clock.nextHourStart(span.last);
  const from = Math.max(span.first, clock.hourStartOf(end - days * SECONDS_PER_DAY));
  const [rows, stations, polls] = await Promise.all([stationHourFigures(db, system.id, from, end), stationsNow(db, system.id), pollTimes(db, system.id, from, end)]);
  const capacities = new Map(stations.map((station) => [station.stationId, capacityOf(station)]));
  const histories = stationHistories(rows, capacities, clock, { from, until: end });
  // Origins start where a live forecast does: at the counts of the first poll of their hour.
  const firstPolls = firstPollOfEachHour(polls, clock);
  attachPollStates(histories, firstPolls, await pollStatuses(db, system.id, firstPolls), clock);
  return { histories, from, until: end, rows: rows.length, readMs: Math.round(performance.now() - started) };
}
