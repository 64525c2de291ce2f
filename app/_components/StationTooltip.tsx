'use client';
/** The station dot under the pointer: its name and code, and its figure for the view. */
import type { Metric } from '@/lib/hotspots/types';
import { formatInteger, formatMetricWithUnit } from '@/app/_lib/format';
import type { StationDot } from '@/app/_lib/stationDots';
import { tooltipPosition } from './HexagonTooltip';

export function StationTooltip({ dot, x, y, metric }: { dot: StationDot; x: number; y: number; metric: Metric }) {
  const observed = dot.cellStations > 0;
  return (
    <div className="tooltip" role="tooltip" data-testid="station-tooltip" data-station={dot.id} style={tooltipPosition(x, y)}>
      <p className="tooltip__title" data-testid="station-tooltip-name">
        {dot.name}
      </p>
      <dl>
        {dot.code && (
          <>
            <dt>Code</dt>
            <dd>{dot.code}</dd>
          </>
        )}
        <dt>Value</dt>
        <dd data-testid="station-tooltip-value">{observed ? formatMetricWithUnit(dot.value, metric) : 'not observed in these hours'}</dd>
        {dot.delta !== undefined && (
          <>
            <dt>Change</dt>
            <dd>{dot.delta === null ? 'seen in one period only' : `${dot.delta >= 0 ? '+' : '−'}${formatMetricWithUnit(Math.abs(dot.delta), metric)}`}</dd>
          </>
        )}
      </dl>
      {dot.cellStations > 1 && <p className="tooltip__hint">Shared with its {formatInteger(dot.cellStations - 1)} neighbour{dot.cellStations > 2 ? 's' : ''} in a 75 m hexagon</p>}
      <p className="tooltip__hint">Click for its hexagon</p>
    </div>
  );
}
