'use client';
/** The selected hexagon: its hourly chart and its stations with their figures. */
import { useMemo, type ReactNode } from 'react';
import type { HexagonDto, HexagonResponse } from '@/lib/hotspots/schemas';
import type { Metric } from '@/lib/hotspots/types';
import type { ApiError } from '@/app/_lib/apiClient';
import { hourlySeries } from '@/app/_lib/hourlySeries';
import { formatInteger, formatMetricValue, formatPercent } from '@/app/_lib/format';
import type { Period } from '@/lib/api/periodFields';
import { HexagonWeek } from './HexagonWeek';
import { HourlyChart } from './HourlyChart';

/** The panel's title, the hexagon's index, and its close button. */
export function PanelHeader({ h3, onClose }: { h3: string; onClose: () => void }) {
  return (
    <header className="hexagon-panel__header">
      <h2 id="hexagon-panel-title">
        Hexagon <code>{h3}</code>
      </h2>
      <button type="button" className="icon-button" onClick={onClose} aria-label="Close hexagon details" data-testid="close-panel">
        ✕
      </button>
    </header>
  );
}

/** A table of stations: name, capacity, then `columns` (label and what it means); its rows are the children. */
export function StationsTable({ columns, children }: { columns: readonly (readonly [label: string, title: string])[]; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Stations of this hexagon">
      <table className="stations-table" data-testid="stations-table">
        <thead>
          <tr>
            <th scope="col">Station</th>
            <th scope="col" title="Capacity (docks)">Cap.</th>
            {columns.map(([label, title]) => (
              <th key={label} scope="col" title={title}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

const DAY_COLUMNS = [
  ['Occ.', 'Occupancy: bikes ÷ (bikes + free docks)'],
  ['Bikes', 'Bikes parked on average'],
  ['E', 'E-bikes parked on average'],
  ['Mech.', 'Mechanical bikes parked on average'],
  ['Full', 'Share of time with no free dock'],
  ['Empty', 'Share of time with no bike'],
] as const;

export function HexagonPanel({
  h3,
  summary,
  detail,
  loading,
  error,
  metric,
  from,
  to,
  system,
  period,
  onClose,
  onRetry,
}: {
  h3: string;
  system: string;
  /** The period of the map: the typical week and the episodes are of it. */
  period: Period;
  /** The hexagon in the current hotspots answer, when it is there. */
  summary: HexagonDto | null;
  detail: HexagonResponse | null;
  loading: boolean;
  error: ApiError | null;
  metric: Metric;
  from: number;
  to: number;
  onClose: () => void;
  onRetry: () => void;
}) {
  const series = useMemo(() => (detail ? hourlySeries(detail, metric) : []), [detail, metric]);
  const stations = useMemo(
    () => (detail ? [...detail.stations].sort((a, b) => (b.figures[metric] ?? -1) - (a.figures[metric] ?? -1)) : []),
    [detail, metric],
  );
  return (
    <aside className="hexagon-panel" aria-labelledby="hexagon-panel-title" data-testid="hexagon-panel">
      <PanelHeader h3={h3} onClose={onClose} />
      {summary && (
        <p className="hexagon-panel__summary">
          Rank {formatInteger(summary.rank)} · weight {summary.weight.toFixed(2)} · {formatPercent(summary.coverage)} observed
        </p>
      )}
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>Could not load this hexagon&apos;s stations: {error.message}</p>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : !detail ? (
        <p className="muted" role="status">
          Loading stations…
        </p>
      ) : (
        <div className={loading ? 'is-refreshing' : undefined}>
          <HourlyChart points={series} metric={metric} from={from} to={to} />
          <h3 className="hexagon-panel__subtitle">
            {detail.stations.length} station{detail.stations.length === 1 ? '' : 's'}
          </h3>
          {detail.stations.length === 0 ? (
            <p className="muted">No station was observed here in this window.</p>
          ) : (
            <StationsTable columns={DAY_COLUMNS}>
              {stations.map((s) => (
                <tr key={s.stationId}>
                  <th scope="row">
                    {s.name}
                    <span className="muted"> {s.code ?? s.stationId}</span>
                  </th>
                  <td>{s.capacity ?? '–'}</td>
                  <td>{formatMetricValue(s.figures.occupancy, 'occupancy')}</td>
                  <td>{formatMetricValue(s.figures.bikes, 'bikes')}</td>
                  <td>{formatMetricValue(s.figures.ebikes, 'ebikes')}</td>
                  <td>{formatMetricValue(s.figures.mechanical, 'mechanical')}</td>
                  <td>{formatMetricValue(s.figures.full, 'full')}</td>
                  <td>{formatMetricValue(s.figures.empty, 'empty')}</td>
                </tr>
              ))}
            </StationsTable>
          )}
        </div>
      )}
    <HexagonWeek h3={h3} system={system} period={period} metric={metric} />
    </aside>
  );
}
