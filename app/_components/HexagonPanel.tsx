'use client';
/** The selected hexagon: its hourly chart and its stations with their figures. */
import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { hexagonLabel } from '@/lib/hotspots/aggregate';
import type { HexagonDto, HexagonResponse } from '@/lib/hotspots/schemas';
import type { Metric } from '@/lib/hotspots/types';
import type { ApiError } from '@/app/_lib/apiClient';
import { hourlySeries } from '@/app/_lib/hourlySeries';
import { formatDay, formatDecimal, formatInteger, formatPercent } from '@/app/_lib/format';
import type { Period } from '@/lib/api/periodFields';
import { HexagonWeek } from './HexagonWeek';
import { HourlyChart } from './HourlyChart';

/** The panel's title: the hexagon named as the tooltip names it, its H3 index below; the close button. */
export function PanelHeader({ h3, label, onClose }: { h3: string; label: string | undefined; onClose: () => void }) {
  return (
    <header className="hexagon-panel__header">
      <div className="hexagon-panel__heading">
        <h2 id="hexagon-panel-title" data-testid="panel-title">
          {label ?? 'Hexagon'}
        </h2>
        <p className="hexagon-panel__id" data-testid="panel-h3">
          H3 <code>{h3}</code>
        </p>
      </div>
      <button type="button" className="icon-button" onClick={onClose} aria-label="Close hexagon details" data-testid="close-panel">
        ✕
      </button>
    </header>
  );
}

/** A drag of the handle longer than this (CSS px) collapses or raises the sheet; shorter is a tap. */
const DRAG_THRESHOLD = 24;

/**
 * The panel's frame. On a phone it is a bottom sheet: its handle collapses it to the title (tap, or
 * drag it down) and raises it again (tap, or drag it up), so the map behind stays reachable.
 */
export function PanelSheet({ header, children }: { header: ReactNode; children: ReactNode }) {
  const [collapsed, setCollapsed] = useState(false);
  const [offset, setOffset] = useState(0);
  const drag = useRef<{ startY: number; moved: boolean } | null>(null);
  const dragged = useRef(false);
  const onPointerDown = (event: ReactPointerEvent<HTMLButtonElement>) => {
    drag.current = { startY: event.clientY, moved: false };
    dragged.current = false;
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLButtonElement>) => {
    if (!drag.current) return;
    const dy = event.clientY - drag.current.startY;
    if (Math.abs(dy) > 4) drag.current.moved = true;
    // Follows the finger downwards (and upwards only while collapsed).
    setOffset(collapsed ? Math.min(0, dy) : Math.max(0, dy));
  };
  const onPointerEnd = (event: ReactPointerEvent<HTMLButtonElement>) => {
    const start = drag.current;
    drag.current = null;
    setOffset(0);
    if (!start?.moved) return;
    const dy = event.clientY - start.startY;
    dragged.current = true;
    if (dy > DRAG_THRESHOLD) setCollapsed(true);
    else if (dy < -DRAG_THRESHOLD) setCollapsed(false);
  };
  return (
    <aside
      className="hexagon-panel"
      aria-labelledby="hexagon-panel-title"
      data-testid="hexagon-panel"
      data-collapsed={collapsed ? 'true' : 'false'}
      style={offset ? { transform: `translateY(${offset}px)` } : undefined}
    >
      <div className="hexagon-panel__top">
        <button
          type="button"
          className="sheet-handle"
          data-testid="sheet-handle"
          aria-expanded={!collapsed}
          aria-label={collapsed ? "Show the hexagon's details" : "Collapse the hexagon's details"}
          onClick={() => {
            // The click that ends a drag has already been handled as the drag.
            if (dragged.current) dragged.current = false;
            else setCollapsed((c) => !c);
          }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
        >
          <span aria-hidden="true" />
        </button>
        {header}
      </div>
      <div className="hexagon-panel__body">{children}</div>
    </aside>
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

// Shares in % without the sign in each cell (the header carries it) and one decimal: the eight
// columns fit a phone's width.
const DAY_COLUMNS = [
  ['Occ. %', 'Occupancy: bikes ÷ (bikes + free docks), in %'],
  ['Bikes', 'Bikes parked on average'],
  ['E', 'E-bikes parked on average'],
  ['Mech.', 'Mechanical bikes parked on average'],
  ['Full %', 'Share of time with no free dock, in %'],
  ['Empty %', 'Share of time with no bike, in %'],
] as const;

/** A figure of the table: a share as a bare percentage ("64.1"), a count with one decimal, "–" when unknown. */
function cell(value: number | null, share: boolean): string {
  if (value === null) return '–';
  return formatDecimal(share ? value * 100 : value);
}

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
  timezone,
  day,
  period,
  onClose,
  onRetry,
}: {
  h3: string;
  system: string;
  /** The system's time zone: the episodes are told on its clock. */
  timezone: string;
  /** The day of the hourly chart and the station figures (the chosen day, inside a period). */
  day: string;
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
  // Named as the tooltip names it; a hexagon not in the answer on screen, after its own stations.
  const label = summary?.label ?? (detail && detail.stations.length > 0 ? hexagonLabel(detail.stations.map((s) => s.stationId), new Map(detail.stations.map((s) => [s.stationId, s]))) : undefined);
  const multiDay = period.start !== period.end;
  return (
    <PanelSheet header={<PanelHeader h3={h3} label={label} onClose={onClose} />}>
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
          <HourlyChart points={series} metric={metric} from={from} to={to} day={formatDay(day)} />
          <h3 className="hexagon-panel__subtitle">
            {detail.stations.length} station{detail.stations.length === 1 ? '' : 's'}
            {multiDay && <span className="muted"> on {formatDay(day)}</span>}
          </h3>
          {detail.stations.length === 0 ? (
            <p className="muted">No station was observed here in this window.</p>
          ) : (
            <StationsTable columns={DAY_COLUMNS}>
              {stations.map((s) => (
                <tr key={s.stationId}>
                  <th scope="row">
                    {s.name}
                    <span className="muted stations-table__code"> {s.code ?? s.stationId}</span>
                  </th>
                  <td>{s.capacity ?? '–'}</td>
                  <td>{cell(s.figures.occupancy, true)}</td>
                  <td>{cell(s.figures.bikes, false)}</td>
                  <td>{cell(s.figures.ebikes, false)}</td>
                  <td>{cell(s.figures.mechanical, false)}</td>
                  <td>{cell(s.figures.full, true)}</td>
                  <td>{cell(s.figures.empty, true)}</td>
                </tr>
              ))}
            </StationsTable>
          )}
        </div>
      )}
      <HexagonWeek h3={h3} system={system} timezone={timezone} period={period} metric={metric} />
    </PanelSheet>
  );
}
