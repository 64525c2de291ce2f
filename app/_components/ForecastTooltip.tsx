'use client';
/**
 * The forecast of the hexagon under the pointer at the chosen hour: occupancy, bikes and docks,
 * and a station's chances of a bike and a free dock there ("bike available at 08:00: 82 % · free
 * dock: 97 %", the mean over its stations). The hexagon has no interval of its own: its stations'
 * percentiles do not add up to the percentiles of their sum, which would need their joint errors.
 */
import { formatDecimal, formatInteger, formatPercent } from '@/app/_lib/format';
import { clockOfHourLabel, hexagonAt, riderChances, type ExpectedDocks, type ForecastHexagon } from '@/app/_lib/forecastView';
import { TooltipBox } from './HexagonTooltip';

export function ForecastTooltip({
  hexagon,
  expected,
  hour,
  hourLabel,
  x,
  y,
}: {
  hexagon: ForecastHexagon;
  /** Its stations' expected bikes and docks, when the answer's stations fall in it. */
  expected: ExpectedDocks | null;
  hour: number;
  hourLabel: string;
  x: number;
  y: number;
}) {
  const figures = hexagonAt(hexagon, hour);
  return (
    <TooltipBox h3={hexagon.h3} label={hexagon.label} x={x} y={y}>
      <p className="tooltip__hint tooltip__hint--top">{hourLabel}</p>
      <p className="tooltip__hint tooltip__hint--top" data-testid="tooltip-rider">
        {riderChances(figures.pEmpty, figures.pFull, clockOfHourLabel(hourLabel))}
      </p>
      <dl>
        <dt>Expected occupancy</dt>
        <dd data-testid="tooltip-occupancy">{formatPercent(figures.occupancy)}</dd>
        {expected && (
          <>
            <dt>Expected bikes</dt>
            <dd data-testid="tooltip-bikes">{formatDecimal(expected.bikes[hour - 1])}</dd>
            <dt>Expected free docks</dt>
            <dd data-testid="tooltip-docks">{formatDecimal(expected.docks[hour - 1])}</dd>
          </>
        )}
        <dt>Chance full (per station)</dt>
        <dd data-testid="tooltip-full">{formatPercent(figures.pFull)}</dd>
        <dt>Chance empty (per station)</dt>
        <dd data-testid="tooltip-empty">{formatPercent(figures.pEmpty)}</dd>
        <dt>Stations</dt>
        <dd data-testid="tooltip-stations">{formatInteger(hexagon.stations)}</dd>
      </dl>
    </TooltipBox>
  );
}
