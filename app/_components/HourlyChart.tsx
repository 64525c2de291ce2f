'use client';
/** A small bar chart of one hexagon's metric hour by hour; the hours of the window stand out. */
import { type Metric, METRIC_INFO } from '@/lib/hotspots/types';
import type { HourPoint } from '@/app/_lib/hourlySeries';
import { formatMetricWithUnit, hourLabel } from '@/app/_lib/format';

const WIDTH = 320;
const HEIGHT = 120;
// The right pad holds half of the last hour label ("24h", centred on the axis's end).
const PAD = { top: 8, right: 12, bottom: 20, left: 34 };

/** `day`: the day the hours are of, in words ("Mon 7 Dec 2026"). */
export function HourlyChart({ points, metric, from, to, day }: { points: HourPoint[]; metric: Metric; from: number; to: number; day: string }) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) return <p className="muted">No hourly figures for this hexagon in this window.</p>;
  const percent = METRIC_INFO[metric].percent;
  const top = percent ? 1 : Math.max(...values) * 1.1 || 1;
  const slots = Math.max(24, points.length);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const barW = plotW / slots;
  // Hours are placed by local hour; a repeated hour (25-hour day) takes the next free slot.
  const placed: { point: HourPoint; slot: number }[] = [];
  let lastSlot = -1;
  for (const point of points) {
    const slot = Math.max(point.hour, lastSlot + 1);
    placed.push({ point, slot });
    lastSlot = slot;
  }
  const y = (v: number) => PAD.top + plotH * (1 - v / top);
  const topLabel = percent ? '100 %' : formatMetricWithUnit(top, metric).split(' ')[0];
  return (
    <figure className="hourly-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${METRIC_INFO[metric].label} hour by hour (the hexagon's value, as on the map)`} data-testid="hourly-chart">
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="hourly-chart__axis" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top)} y2={y(top)} className="hourly-chart__grid" />
        <text x={PAD.left - 4} y={y(top) + 4} textAnchor="end" className="hourly-chart__label">
          {topLabel}
        </text>
        <text x={PAD.left - 4} y={y(0)} textAnchor="end" className="hourly-chart__label">
          0
        </text>
        {placed.map(({ point, slot }) =>
          point.value === null ? null : (
            <rect
              key={point.start}
              x={PAD.left + slot * barW + 1}
              width={Math.max(1, barW - 2)}
              y={y(point.value)}
              height={Math.max(0.5, y(0) - y(point.value))}
              className={point.hour >= from && point.hour < to ? 'hourly-chart__bar hourly-chart__bar--in-window' : 'hourly-chart__bar'}
            >
              <title>{`${hourLabel(point.hour)}: ${formatMetricWithUnit(point.value, metric)}`}</title>
            </rect>
          ),
        )}
        {[0, 6, 12, 18, 24].map((h) => (
          <text key={h} x={PAD.left + h * barW} y={HEIGHT - 6} textAnchor="middle" className="hourly-chart__label">
            {String(h).padStart(2, '0')}h
          </text>
        ))}
      </svg>
      <figcaption data-testid="hourly-chart-caption">
        {METRIC_INFO[metric].label} by local hour on {day}, the hexagon&apos;s value as on the map
      </figcaption>
    </figure>
  );
}
