'use client';
/** Forecast mode's selected hexagon: its stations at the chosen hour, expected bikes and docks, chances full and empty. */
import { useMemo } from 'react';
import { formatDecimal, formatPercent } from '@/app/_lib/format';
import { hexagonAt, stationsInHexagon, type ForecastHexagon, type ForecastStation } from '@/app/_lib/forecastView';
import { PanelHeader, StationsTable } from './HexagonPanel';

const FORECAST_COLUMNS = [
  ['Bikes', 'Expected bikes'],
  ['Docks', 'Expected free docks'],
  ['Full', 'Chance of no free dock'],
  ['Empty', 'Chance of no bike'],
] as const;

export function ForecastPanel({
  h3,
  hexagon,
  stations,
  hour,
  hourLabel,
  onClose,
}: {
  h3: string;
  /** The hexagon in the forecast, when it is there. */
  hexagon: ForecastHexagon | null;
  stations: readonly ForecastStation[];
  hour: number;
  hourLabel: string;
  onClose: () => void;
}) {
  const inside = useMemo(() => stationsInHexagon(stations, h3, hour), [stations, h3, hour]);
  const figures = hexagon ? hexagonAt(hexagon, hour) : null;
  const k = hour - 1;
  return (
    <aside className="hexagon-panel" aria-labelledby="hexagon-panel-title" data-testid="hexagon-panel">
      <PanelHeader h3={h3} onClose={onClose} />
      <p className="hexagon-panel__summary" data-testid="forecast-panel-summary">
        {hourLabel}
        {figures && ` · expected occupancy ${formatPercent(figures.occupancy)}`}
      </p>
      <h3 className="hexagon-panel__subtitle">
        {inside.length} station{inside.length === 1 ? '' : 's'}
      </h3>
      {inside.length === 0 ? (
        <p className="muted">No station of the forecast lies in this hexagon.</p>
      ) : (
        <StationsTable columns={FORECAST_COLUMNS}>
          {inside.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.name}</th>
              <td>{s.capacity}</td>
              <td>{formatDecimal(s.bikes[k])}</td>
              <td>{formatDecimal(s.docks[k])}</td>
              <td>{formatPercent(s.pFull[k])}</td>
              <td>{formatPercent(s.pEmpty[k])}</td>
            </tr>
          ))}
        </StationsTable>
      )}
    </aside>
  );
}
