/** One hexagon's hourly series of a metric: the API's per-hour hexagon values, as on the map. */
import type { HexagonResponse } from '@/lib/hotspots/schemas';
import type { Metric } from '@/lib/hotspots/types';

export interface HourPoint {
  /** Local hour 0-23. */
  hour: number;
  /** Start instant of the hour (ISO), which tells the two 01:00 hours of a 25-hour day apart. */
  start: string;
  value: number | null;
}

export function hourlySeries(detail: HexagonResponse, metric: Metric): HourPoint[] {
  return detail.hourly.map((figures) => ({ hour: figures.hour, start: figures.start, value: figures[metric] }));
}
