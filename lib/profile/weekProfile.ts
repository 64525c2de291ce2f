/**
 * The typical week of GET /api/profile from its cells: per weekday and local hour, the metric of
 * the integrals summed over every such hour of the period (the map's formula, applied once), and
 * the coverage. A cell's sums come from the system tier or from its stations (lib/profile/sql.ts);
 * this only turns them into the 7 × 24 grids.
 */
import { ratio } from '../hotspots/aggregate';
import { isoWeekday, localDayWindow, selectedDays } from '../calendar';
import type { Metric } from '../hotspots/types';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
export const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const grid = <T>(fill: () => T): T[][] => WEEKDAYS.map(() => HOURS.map(fill));

/** A weekday-hour's integrals summed over its stations: all the ratio-of-sums metrics need. */
export interface WeekHourSums {
  /** ISO weekday of the local day, 1 = Monday. */
  weekday: number;
  /** Local hour 0-23 (the fall-back day's two 02:00 hours are both 2). */
  hour: number;
  observedS: number;
  bikeS: number;
  dockS: number;
  fullS: number;
  emptyS: number;
}

/** A weekday-hour's sums and its stations' averages, summed as lib/hotspots/aggregate.ts hexagonFigures does. */
export interface WeekHourCell extends WeekHourSums {
  /** Σ over stations (and cells) of bikeS / observedS: the `bikes` metric. */
  bikes: number;
  /** Σ over stations with typed time of ebikeS / typedS, mechanicalS / typedS; null when none has any. */
  ebikes: number | null;
  mechanical: number | null;
}

/** The metrics that are ratios of sums over stations, so that the system's own sums answer them. */
export type SumMetric = Extract<Metric, 'occupancy' | 'full' | 'empty'>;
export const isSumMetric = (metric: Metric): metric is SumMetric => metric === 'occupancy' || metric === 'full' || metric === 'empty';

export function sumMetricValue(metric: SumMetric, cell: WeekHourSums): number {
  if (metric === 'occupancy') return ratio(cell.bikeS, cell.bikeS + cell.dockS);
  return ratio(metric === 'full' ? cell.fullS : cell.emptyS, cell.observedS);
}

export const cellMetricValue = (metric: Metric, cell: WeekHourCell): number | null => (isSumMetric(metric) ? sumMetricValue(metric, cell) : cell[metric]);

/** Seconds of each weekday-hour in the period: a 25-hour day's 02:00 counts twice, a 23-hour day's none. */
export function secondsPerCell(start: string, end: string, timezone: string): number[][] {
  const seconds = grid(() => 0);
  for (const day of selectedDays(start, end, WEEKDAYS)) {
    for (const hour of HOURS) {
      const window = localDayWindow(day, hour, hour + 1, timezone);
      seconds[isoWeekday(day) - 1][hour] += window.end - window.start;
    }
  }
  return seconds;
}

export interface WeekProfile {
  /** values[weekday - 1][hour]: null where nothing was observed. */
  values: Array<Array<number | null>>;
  /** Observed station-seconds ÷ (stations observed in the period × the weekday-hour's seconds). */
  coverage: number[][];
}

/** The grids from the observed cells (the others observed nothing) and the stations observed in the period. */
export function weekProfile<Cell extends WeekHourSums>(cells: readonly Cell[], value: (cell: Cell) => number | null, stations: number, seconds: number[][]): WeekProfile {
  const values = grid<number | null>(() => null);
  const coverage = grid(() => 0);
  for (const cell of cells) {
    if (cell.observedS <= 0) continue;
    const [i, j] = [cell.weekday - 1, cell.hour];
    values[i][j] = value(cell);
    const possible = stations * seconds[i][j];
    coverage[i][j] = possible > 0 ? cell.observedS / possible : 0;
  }
  return { values, coverage };
}
