/**
 * GET /api/profile: the typical week of a period, 7 weekdays × 24 local hours, each the metric
 * of the integrals summed over every such hour of the period (the map's formula, applied once).
 */
import { cellToChildren, getResolution } from 'h3-js';
import { hexagonFigures } from '@/lib/hotspots/aggregate';
import { localDayWindow } from '@/lib/hotspots/localTime';
import { isoWeekday, selectedDays } from '@/lib/hotspots/period';
import { STORED_RESOLUTION, type WindowFigures } from '@/lib/hotspots/types';
import { METRIC_INFO } from '@/lib/api/metricInfo';
import { ALL_WEEKDAYS } from '@/lib/api/periodFields';
import type { ProfileQuery, ProfileResponse } from '@/lib/api/profileSchemas';
import { getDatabase } from '@/db/client';
import { weekHourFigures } from '@/db/profile';
import { readSystemState } from './systemState';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const grid = <T>(fill: () => T): T[][] => ALL_WEEKDAYS.map(() => HOURS.map(fill));

/** Seconds of each weekday-hour in the period: a 25-hour day's 02:00 counts twice, a 23-hour day's none. */
function secondsPerCell(start: string, end: string, timezone: string): number[][] {
  const seconds = grid(() => 0);
  for (const day of selectedDays(start, end, ALL_WEEKDAYS)) {
    for (const hour of HOURS) {
      const window = localDayWindow(day, hour, hour + 1, timezone);
      seconds[isoWeekday(day) - 1][hour] += window.end - window.start;
    }
  }
  return seconds;
}

export async function getProfile(query: ProfileQuery): Promise<ProfileResponse> {
  const { db } = await getDatabase();
  const { system } = await readSystemState(db, query.system);
  const { start, end, metric } = query;
  const h3 = query.h3 ?? null;
  const cells = h3 === null ? undefined : getResolution(h3) === STORED_RESOLUTION ? [h3] : cellToChildren(h3, STORED_RESOLUTION);
  const span = { start: localDayWindow(start, 0, 24, system.timezone).start, end: localDayWindow(end, 0, 24, system.timezone).end };
  const rows = await weekHourFigures(db, system.id, system.timezone, span.start, span.end, cells);

  const stationsByCell = grid<WindowFigures[]>(() => []);
  const stations = new Set<string>();
  for (const { weekday, hour, ...figures } of rows) {
    stationsByCell[weekday - 1][hour].push(figures);
    if (figures.observedS > 0) stations.add(figures.stationId);
  }
  const seconds = secondsPerCell(start, end, system.timezone);
  const values = stationsByCell.map((row) => row.map((cell) => (cell.some((f) => f.observedS > 0) ? hexagonFigures(cell)[metric] : null)));
  const coverage = stationsByCell.map((row, i) =>
    row.map((cell, j) => {
      const possible = stations.size * seconds[i][j];
      return possible > 0 ? cell.reduce((sum, f) => sum + f.observedS, 0) / possible : 0;
    }),
  );
  return {
    system: system.id,
    timezone: system.timezone,
    start,
    end,
    h3,
    metric,
    unit: METRIC_INFO[metric].unit,
    weekdays: [...ALL_WEEKDAYS],
    hours: HOURS,
    values,
    coverage,
  };
}
