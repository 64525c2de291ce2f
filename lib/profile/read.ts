/**
 * GET /api/profile: the typical week of a period, 7 weekdays × 24 local hours, each the metric
 * of the integrals summed over every such hour of the period (the map's formula, applied once).
 * The whole system's occupancy, full and empty come from the system tier (a handful of rows);
 * the per-station averages (bikes, ebikes, mechanical) and one hexagon's week from its stations'
 * daily tier, summed to the week's cells in the database (lib/profile/sql.ts).
 */
import { cellToChildren, getResolution } from 'h3-js';
import { STORED_RESOLUTION, type Metric, METRIC_INFO } from '@/lib/hotspots/types';
import { HOURS, cellMetricValue, isSumMetric, secondsPerCell, sumMetricValue, weekProfile, type WeekProfile } from '@/lib/profile/weekProfile';
import { ALL_WEEKDAYS } from '@/lib/api/periodFields';
import type { ProfileQuery, ProfileResponse } from '@/lib/profile/schemas';
import { getDatabase, type Db } from '@/db/client';
import { observedStationCount, weekHourCellsFromDaily, weekHourSumsFromSystemDaily } from '@/lib/profile/sql';
import { readSystemState } from '../systems/readState';

export interface WeekQuestion {
  start: string;
  end: string;
  metric: Metric;
  /** One hexagon (resolution 7-10), or null for the whole system. */
  h3: string | null;
}

/** The week's values and coverage for a system (`timezone`: its zone). */
export async function readWeekProfile(db: Db, system: { id: string; timezone: string }, { start, end, metric, h3 }: WeekQuestion): Promise<WeekProfile> {
  const cells = h3 === null ? undefined : getResolution(h3) === STORED_RESOLUTION ? [h3] : cellToChildren(h3, STORED_RESOLUTION);
  const seconds = secondsPerCell(start, end, system.timezone);
  const stations = observedStationCount(db, system.id, start, end, cells);
  if (cells === undefined && isSumMetric(metric)) {
    const [sums, count] = await Promise.all([weekHourSumsFromSystemDaily(db, system.id, start, end), stations]);
    return weekProfile(sums, (cell) => sumMetricValue(metric, cell), count, seconds);
  }
  const [perStation, count] = await Promise.all([weekHourCellsFromDaily(db, system.id, start, end, cells), stations]);
  return weekProfile(perStation, (cell) => cellMetricValue(metric, cell), count, seconds);
}

export async function getProfile(query: ProfileQuery): Promise<ProfileResponse> {
  const { db } = await getDatabase();
  const { system } = await readSystemState(db, query.system);
  const { start, end, metric } = query;
  const h3 = query.h3 ?? null;
  const { values, coverage } = await readWeekProfile(db, system, { start, end, metric, h3 });
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
