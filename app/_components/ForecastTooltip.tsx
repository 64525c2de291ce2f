'use client';
/**
 * The forecast of the hexagon under the pointer at the chosen hour: occupancy, bikes and docks,
 * and a station's chances of a bike and a free dock there ("bike available at 08:00: 82 % · free
 * dock: 97 %", the mean over its stations). The hexagon has no interval of its own: its stations'
 * percentiles do not add up to the percentiles of their sum, which would need their joint errors.
 */
import { formatDecimal, formatInteger, formatPercent } from '@/app/_lib/format';
import { clockOfHourLabel, riderChances, type ForecastHexagonAt } from '@/app/_lib/forecastView';
import { TooltipBox } from './HexagonTooltip';

export function ForecastTooltip({ hexagon, hourLabel, x, y }: { hexagon: ForecastHexagonAt; hourLabel: string; x: number; y: number }) {
  return (
    <TooltipBox h3={hexagon.h3} label={hexagon.label ?? undefined} x={x} y={y}>
      <p className="tooltip__hint tooltip__hint--top">{hourLabel}</p>
      <p className="tooltip__hint tooltip__hint--top" data-testid="tooltip-rider">
        {riderChances(hexagon.pEmpty, hexagon.pFull, clockOfHourLabel(hourLabel))}
      </p>
      <dl>
        <dt>Expected occupancy</dt>
        <dd data-testid="tooltip-occupancy">{formatPercent(hexagon.occupancy)}</dd>
        <dt>Expected bikes</dt>
        <dd data-testid="tooltip-bikes">{formatDecimal(hexagon.bikes)}</dd>
        <dt>Expected free docks</dt>
        <dd data-testid="tooltip-docks">{formatDecimal(hexagon.docks)}</dd>
        <dt>Chance full (per station)</dt>
        <dd data-testid="tooltip-full">{formatPercent(hexagon.pFull)}</dd>
        <dt>Chance empty (per station)</dt>
        <dd data-testid="tooltip-empty">{formatPercent(hexagon.pEmpty)}</dd>
        <dt>Stations</dt>
        <dd data-testid="tooltip-stations">{formatInteger(hexagon.stations)}</dd>
      </dl>
    </TooltipBox>
  );
}
