'use client';
/**
 * Forecast mode's selected hexagon: its stations at the chosen hour, in a rider's words: the
 * expected bikes with the 80 % interval ("12 bikes, likely 8–15"), the free docks, and the
 * chances of finding a bike and a free dock ("bike available at 08:00: 82 % · free dock: 97 %").
 * The map's answer holds no station: the panel asks for the stations of its hexagon alone.
 */
import { useMemo } from 'react';
import { formatDecimal, formatPercent } from '@/app/_lib/format';
import { bikesWithInterval, clockOfHourLabel, riderChances, stationsInHexagon, type ForecastHexagonAt } from '@/app/_lib/forecastView';
import { useForecastStations } from '@/app/_lib/useForecast';
import type { Resolution } from '@/lib/hotspots/types';
import { PanelHeader, PanelSheet, StationsTable } from './HexagonPanel';

const FORECAST_COLUMNS = [
  ['Bikes', 'Expected bikes, and the range that holds them 8 times in 10'],
  ['Docks', 'Expected free docks'],
  ['Chances', 'Chance of finding a bike, and a free dock'],
] as const;

export function ForecastPanel({
  system,
  resolution,
  h3,
  hexagon,
  hour,
  hourLabel,
  onClose,
}: {
  system: string;
  resolution: Resolution;
  h3: string;
  /** The hexagon in the forecast at this hour, when it is there. */
  hexagon: ForecastHexagonAt | null;
  hour: number;
  hourLabel: string;
  onClose: () => void;
}) {
  const answer = useForecastStations({ system, resolution, h3 });
  const stations = answer.data && answer.dataUrl === answer.url ? answer.data.stations : null;
  const inside = useMemo(() => (stations ? stationsInHexagon(stations, h3, hour) : []), [stations, h3, hour]);
  const k = hour - 1;
  const clock = clockOfHourLabel(hourLabel);
  return (
    <PanelSheet header={<PanelHeader h3={h3} label={hexagon?.label ?? undefined} onClose={onClose} />}>
      <p className="hexagon-panel__summary" data-testid="forecast-panel-summary">
        {hourLabel}
        {hexagon && ` · expected occupancy ${formatPercent(hexagon.occupancy)}`}
      </p>
      {answer.error ? (
        <div className="notice notice--error" role="alert">
          <p>Could not load this hexagon&apos;s stations: {answer.error.message}</p>
          <button type="button" onClick={answer.retry}>
            Try again
          </button>
        </div>
      ) : !stations ? (
        <p className="muted" role="status">
          Loading stations…
        </p>
      ) : (
        <>
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
                  <td data-testid="forecast-station-bikes">{bikesWithInterval(s.bikes[k], s.bikesLow[k], s.bikesHigh[k])}</td>
                  <td>{formatDecimal(s.docks[k])}</td>
                  <td data-testid="forecast-station-chances">{riderChances(s.pEmpty[k], s.pFull[k], clock)}</td>
                </tr>
              ))}
            </StationsTable>
          )}
        </>
      )}
    </PanelSheet>
  );
}
