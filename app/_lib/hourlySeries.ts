/**
 * One hexagon's hourly series of a metric, from its stations' hourly figures: averages of bikes
 * add up over the stations (as the hotspot value does); shares are averaged, weighted by each
 * station's observed time.
 */
import type { HexagonResponse } from '@/lib/api/schemas';
import { METRIC_INFO } from '@/lib/api/metricInfo';
import type { Metric } from '@/lib/hotspots/types';

export interface HourPoint {
  /** Local hour 0-23. */
  hour: number;
  /** Start instant of the hour (ISO), which tells the two 01:00 hours of a 25-hour day apart. */
  start: string;
  value: number | null;
  observedS: number;
}

export function hourlySeries(detail: HexagonResponse, metric: Metric): HourPoint[] {
  const byStart = new Map<string, { hour: number; sum: number; weight: number; observedS: number; any: boolean }>();
  const share = METRIC_INFO[metric].percent;
  for (const station of detail.stations) {
    for (const figures of station.hourly) {
      const slot = byStart.get(figures.start) ?? { hour: figures.hour, sum: 0, weight: 0, observedS: 0, any: false };
      const value = figures[metric];
      slot.observedS += figures.observedS;
      if (value !== null) {
        slot.any = true;
        if (share) {
          slot.sum += value * figures.observedS;
          slot.weight += figures.observedS;
        } else {
          slot.sum += value;
        }
      }
      byStart.set(figures.start, slot);
    }
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
    .map(([start, slot]) => ({
      hour: slot.hour,
      start,
      observedS: slot.observedS,
      value: !slot.any ? null : share ? (slot.weight > 0 ? slot.sum / slot.weight : null) : slot.sum,
    }));
}

export function seriesDescription(metric: Metric): string {
  return METRIC_INFO[metric].percent ? 'time-weighted mean of the stations' : 'sum over the stations';
}
