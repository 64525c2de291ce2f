/**
 * The page's view state as it lives in the URL query string: the API's own parameter names
 * (system, date or start and end, weekdays, baseStart and baseEnd, from, to, metric, resolution), the map view (lat, lon, zoom, pitch, bearing),
 * the selected hexagon (h3), the 3D switch, and the Forecast mode with its hour (mode=forecast&hour=3;
 * absent: the day and period views). Pure: used by the server page and the client.
 */
import type { z } from 'zod';
import { MAX_PERIOD_DAYS, weekdaysSchema, type Period } from '@/lib/api/periodFields';
import { daysInPeriod } from '@/lib/calendar';
import { dateSchema, h3CellSchema } from '@/lib/api/schemas';
import { METRICS, type Metric, type Resolution } from '@/lib/hotspots/types';
import { systemIdSchema } from '@/lib/systems/catalog';

export type ResolutionChoice = Resolution | 'auto';

/** What the map shows: the collected days (day and period views), or the next 24 hours. */
export type ViewMode = 'history' | 'forecast';

export interface MapView {
  latitude: number;
  longitude: number;
  zoom: number;
  pitch: number;
  bearing: number;
}

export interface ViewQuery {
  /** null: the first system the API lists. */
  system: string | null;
  /** The day shown, or with a period the day chosen in it (Day lands back on it); null: the newest complete day. */
  date: string | null;
  /** A period of days (start, end) instead of the day; null: the day. */
  period: Period | null;
  /** ISO weekdays of the period to keep; null: every day. */
  weekdays: number[] | null;
  /** The period to compare with; null: no comparison. */
  base: Period | null;
  /** First local hour of the window, 0-23. */
  from: number;
  /** Local hour the window ends at, 1-24, exclusive. */
  to: number;
  metric: Metric;
  resolution: ResolutionChoice;
  /** null: framed on the system's stations. */
  view: MapView | null;
  /** Selected hexagon, whose detail panel is open. */
  h3: string | null;
  extruded: boolean;
  mode: ViewMode;
  /** Forecast mode's hour ahead of the newest poll, 1-24. */
  hour: number;
}

export const DEFAULT_VIEW_QUERY: ViewQuery = {
  system: null,
  date: null,
  period: null,
  weekdays: null,
  base: null,
  from: 0,
  to: 24,
  metric: 'occupancy',
  resolution: 'auto',
  view: null,
  h3: null,
  extruded: false,
  mode: 'history',
  hour: 1,
};

export type RawQuery = Record<string, string | string[] | undefined>;

function first(raw: RawQuery, key: string): string | undefined {
  const value = raw[key];
  return Array.isArray(value) ? value[0] : value;
}

function wholeNumberIn(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^\d{1,2}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

function finiteIn(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/** The value when the API would accept it for that parameter, else null (the default applies). */
function accepted(schema: z.ZodType<string>, text: string | undefined): string | null {
  return text !== undefined && schema.safeParse(text).success ? text : null;
}

/** start and end as the API would take them, else null. */
function parsePeriod(start: string | undefined, end: string | undefined): Period | null {
  const [s, e] = [accepted(dateSchema, start), accepted(dateSchema, end)];
  if (s === null || e === null || e < s || daysInPeriod(s, e) > MAX_PERIOD_DAYS) return null;
  return { start: s, end: e };
}

function parseResolution(text: string | undefined): ResolutionChoice {
  const n = wholeNumberIn(text, 7, 10);
  return n === null ? 'auto' : (n as Resolution);
}

function parseView(raw: RawQuery): MapView | null {
  const latitude = finiteIn(first(raw, 'lat'), -85, 85);
  const longitude = finiteIn(first(raw, 'lon'), -180, 180);
  const zoom = finiteIn(first(raw, 'zoom'), 0, 22);
  if (latitude === null || longitude === null || zoom === null) return null;
  return {
    latitude,
    longitude,
    zoom,
    pitch: finiteIn(first(raw, 'pitch'), 0, 85) ?? 0,
    bearing: finiteIn(first(raw, 'bearing'), -180, 180) ?? 0,
  };
}

/** Reads a query string leniently: a missing or invalid parameter takes its default. */
export function parseViewQuery(raw: RawQuery): ViewQuery {
  const system = first(raw, 'system');
  const date = first(raw, 'date');
  const metric = first(raw, 'metric');
  const h3 = first(raw, 'h3');
  let from = wholeNumberIn(first(raw, 'from'), 0, 23) ?? DEFAULT_VIEW_QUERY.from;
  let to = wholeNumberIn(first(raw, 'to'), 1, 24) ?? DEFAULT_VIEW_QUERY.to;
  if (from >= to) [from, to] = [DEFAULT_VIEW_QUERY.from, DEFAULT_VIEW_QUERY.to];
  return {
    system: accepted(systemIdSchema, system),
    date: accepted(dateSchema, date),
    period: parsePeriod(first(raw, 'start'), first(raw, 'end')),
    weekdays: weekdaysSchema.safeParse(first(raw, 'weekdays') ?? '').data ?? null,
    base: parsePeriod(first(raw, 'baseStart'), first(raw, 'baseEnd')),
    from,
    to,
    metric: (METRICS as readonly string[]).includes(metric ?? '') ? (metric as Metric) : DEFAULT_VIEW_QUERY.metric,
    resolution: parseResolution(first(raw, 'resolution')),
    view: parseView(raw),
    h3: accepted(h3CellSchema, h3),
    extruded: first(raw, '3d') === '1',
    mode: first(raw, 'mode') === 'forecast' ? 'forecast' : 'history',
    hour: wholeNumberIn(first(raw, 'hour'), 1, 24) ?? DEFAULT_VIEW_QUERY.hour,
  };
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** The query string of a view, in a fixed order; the inverse of parseViewQuery. */
export function serializeViewQuery(query: ViewQuery): string {
  const params = new URLSearchParams();
  if (query.system) params.set('system', query.system);
  if (query.mode === 'forecast') {
    params.set('mode', 'forecast');
    params.set('hour', String(query.hour));
  }
  if (query.period) {
    params.set('start', query.period.start);
    params.set('end', query.period.end);
    // The day chosen before the period, so that going back to Day lands on it (a reload included).
    if (query.date && query.date !== query.period.end && query.date >= query.period.start && query.date <= query.period.end) params.set('date', query.date);
  } else if (query.date) params.set('date', query.date);
  if (query.weekdays) params.set('weekdays', query.weekdays.join(','));
  if (query.base) {
    params.set('baseStart', query.base.start);
    params.set('baseEnd', query.base.end);
  }
  params.set('from', String(query.from));
  params.set('to', String(query.to));
  params.set('metric', query.metric);
  params.set('resolution', String(query.resolution));
  if (query.view) {
    params.set('lat', String(round(query.view.latitude, 5)));
    params.set('lon', String(round(query.view.longitude, 5)));
    params.set('zoom', String(round(query.view.zoom, 2)));
    if (Math.abs(query.view.pitch) >= 0.5) params.set('pitch', String(round(query.view.pitch, 0)));
    if (Math.abs(query.view.bearing) >= 0.5) params.set('bearing', String(round(query.view.bearing, 0)));
  }
  if (query.h3) params.set('h3', query.h3);
  if (query.extruded) params.set('3d', '1');
  return params.toString();
}
