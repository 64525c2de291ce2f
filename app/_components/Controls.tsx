'use client';
/**
 * Every control of the view of one system: History or Forecast; day, period, hours and metric (or,
 * in Forecast mode, the hour ahead); resolution, 3D (the system: SystemPicker).
 */
import { useId, type ReactNode } from 'react';
import { METRIC_INFO, METRICS, type Metric, RESOLUTIONS, type Resolution } from '@/lib/hotspots/types';
import type { SystemInfo } from '@/app/_lib/useSystems';
import type { ResolutionChoice, ViewMode } from '@/app/_lib/viewQuery';
import { EDGE_METRES } from '@/app/_lib/resolution';
import { DayPicker } from './DayPicker';
import { PeriodPicker, type PeriodChoice } from './PeriodPicker';
import { HourWindow } from './HourWindow';
import { ModeSwitch } from './ModeSwitch';

export interface ControlsProps {
  system: SystemInfo;
  mode: ViewMode;
  /** Forecast mode's own controls, shown instead of the day's. */
  forecastControls: ReactNode;
  /** null: the system has no day with data yet (Forecast mode only). */
  date: string | null;
  from: number;
  to: number;
  metric: Metric;
  resolution: ResolutionChoice;
  effectiveResolution: Resolution;
  extruded: boolean;
  playing: boolean;
  periodChoice: PeriodChoice;
  onMode: (mode: ViewMode) => void;
  onDate: (date: string) => void;
  onPeriod: (choice: PeriodChoice) => void;
  onWindow: (from: number, to: number) => void;
  onTogglePlay: () => void;
  onMetric: (metric: Metric) => void;
  onResolution: (resolution: ResolutionChoice) => void;
  onExtruded: (extruded: boolean) => void;
}

export function Controls(props: ControlsProps) {
  const metricId = useId();
  const resolutionId = useId();
  const extrudedId = useId();
  return (
    <form className="controls" aria-label="View" onSubmit={(event) => event.preventDefault()}>
      <ModeSwitch mode={props.mode} onMode={props.onMode} />
      {props.mode === 'forecast' || props.date === null ? (
        props.forecastControls
      ) : (
        <>
          <DayPicker date={props.date} firstDay={props.system.firstDay} lastDay={props.system.lastDay} onChange={props.onDate} />
          <PeriodPicker date={props.date} {...props.periodChoice} onChange={props.onPeriod} />
          <HourWindow from={props.from} to={props.to} playing={props.playing} onChange={props.onWindow} onTogglePlay={props.onTogglePlay} />
          <div className="field">
            <label htmlFor={metricId}>Metric</label>
            <select id={metricId} value={props.metric} onChange={(event) => props.onMetric(event.target.value as Metric)} data-testid="metric-select">
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {METRIC_INFO[m].label}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={resolutionId}>Hexagon size</label>
        <select
          id={resolutionId}
          value={String(props.resolution)}
          data-testid="resolution-select"
          onChange={(event) => {
            const value = event.target.value;
            props.onResolution(value === 'auto' ? 'auto' : (Number(value) as Resolution));
          }}
        >
          <option value="auto">Auto by zoom (now {props.effectiveResolution})</option>
          {RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              Resolution {r} (~{EDGE_METRES[r] >= 1000 ? `${(EDGE_METRES[r] / 1000).toFixed(1)} km` : `${EDGE_METRES[r]} m`} edge)
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline">
        <input id={extrudedId} type="checkbox" checked={props.extruded} onChange={(event) => props.onExtruded(event.target.checked)} />
        <label htmlFor={extrudedId}>3D: extrude by weight</label>
      </div>
    </form>
  );
}
