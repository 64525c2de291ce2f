'use client';
/** The figures of the hexagon under the pointer. */
import type { ReactNode } from 'react';
import type { HexagonDto } from '@/lib/hotspots/schemas';
import type { Metric } from '@/lib/hotspots/types';
import { formatInteger, formatMetricWithUnit, formatPercent, formatWeight } from '@/app/_lib/format';

/** Keeps the box on screen: opens it to the left of / above the pointer near the right / bottom edge. */
export function tooltipPosition(x: number, y: number) {
  return {
    ...(x > window.innerWidth - 260 ? { right: window.innerWidth - x + 14 } : { left: x + 14 }),
    ...(y > window.innerHeight - 200 ? { bottom: window.innerHeight - y + 14 } : { top: y + 14 }),
  };
}

/** The box by the pointer, titled with the hexagon's largest station when it has a name. */
export function TooltipBox({ h3, label, x, y, children }: { h3: string; label: string | undefined; x: number; y: number; children: ReactNode }) {
  return (
    <div className="tooltip" role="tooltip" data-testid="hexagon-tooltip" data-h3={h3} style={tooltipPosition(x, y)}>
      {label && (
        <p className="tooltip__title" data-testid="tooltip-label">
          {label}
        </p>
      )}
      {children}
    </div>
  );
}

export function HexagonTooltip({
  hexagon,
  x,
  y,
  metric,
  total,
}: {
  hexagon: HexagonDto;
  x: number;
  y: number;
  metric: Metric;
  /** Hexagons in the answer, for "rank 3 of 1,368". */
  total: number;
}) {
  return (
    <TooltipBox h3={hexagon.h3} label={hexagon.label} x={x} y={y}>
      <dl>
        <dt>Value</dt>
        <dd data-testid="tooltip-value">{formatMetricWithUnit(hexagon.value, metric)}</dd>
        {hexagon.baseValue !== undefined && (
          <>
            <dt>Base period</dt>
            <dd data-testid="tooltip-base">{formatMetricWithUnit(hexagon.baseValue, metric)}</dd>
            <dt>Change</dt>
            <dd data-testid="tooltip-delta">{hexagon.delta == null ? 'seen in one period only' : `${hexagon.delta >= 0 ? '+' : '−'}${formatMetricWithUnit(Math.abs(hexagon.delta), metric)}`}</dd>
          </>
        )}
        <dt>Weight</dt>
        <dd data-testid="tooltip-weight">{formatWeight(hexagon.weight)}</dd>
        <dt>Rank</dt>
        <dd data-testid="tooltip-rank">
          {formatInteger(hexagon.rank)} of {formatInteger(total)}
        </dd>
        <dt>Stations</dt>
        <dd data-testid="tooltip-stations">{formatInteger(hexagon.stations)}</dd>
        <dt>Coverage</dt>
        <dd data-testid="tooltip-coverage">{formatPercent(hexagon.coverage)}</dd>
      </dl>
      <p className="tooltip__hint">Click for its stations</p>
    </TooltipBox>
  );
}
