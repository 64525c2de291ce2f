/**
 * The Forecast mode's pure parts: what the map colours at the chosen hour, what the slider, the
 * legend and the tooltip say, and the 409 of a system with too little history, in words.
 */
import { cellToParent, getResolution } from 'h3-js';
import { z } from 'zod';
import { calendarDay, isoWeekday, localClockAt, localHourStart } from '@/lib/calendar';
import type { ForecastMapResponse, ForecastResponse } from '@/lib/forecast/schemas';
import type { HexagonDto } from '@/lib/hotspots/schemas';
import { FORECAST_HOURS } from '@/lib/forecast/thresholds';
import type { Resolution } from '@/lib/hotspots/types';
import type { ApiError } from './apiClient';
import type { ColorDomain } from './colorRamp';
import { formatDecimal, formatInstantDay, formatInteger } from './format';

/** The map's forecast: hexagons as columns, each hour's figures one array (GET /api/forecast?view=map). */
export type ForecastColumns = ForecastMapResponse['hexagons'];
export type ForecastStation = ForecastResponse['stations'][number];
/** One hexagon of the map's forecast at one hour: what the tooltip and the panel say of it. */
export interface ForecastHexagonAt {
  h3: string;
  label: string | null;
  stations: number;
  occupancy: number;
  pFull: number;
  pEmpty: number;
  /** Its stations' expected bikes, and free docks (their capacity − those bikes). */
  bikes: number;
  docks: number;
}
/**
 * MAE in bikes per station at some horizons (the backtest's or the live one); null: nothing scored
 * yet. `origins` counts the forecasts scored, per horizon where the report says so.
 */
export interface ErrorReport {
  origins: number;
  horizons: { hours: number; origins?: number; mae: { model: number | null; persistence: number | null; seasonal: number | null } }[];
}
/** The model that answered; read loosely, so that a model not fitted yet still reads. */
export interface ForecastModel {
  name: string;
  fittedAt: string | null;
  history: { start: string; end: string } | null;
  answeredBy?: Record<string, number>;
}

/** The figures of a 409 not_enough_history: how much history there is, how much is needed. */
const notEnoughHistorySchema = z.object({
  history: z.object({ hours: z.number() }),
  needed: z.object({ hours: z.number() }),
});

/** The slider's hours: +1 … +24. */
export const FIRST_HOUR = 1;
export const LAST_HOUR = FORECAST_HOURS;

/** The hour after `hour`, back to +1 after +24 (play loops). */
export function nextForecastHour(hour: number): number {
  return hour >= LAST_HOUR ? FIRST_HOUR : hour + 1;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The start (epoch s) of the whole local hour forecast hour `hour` stands for: the answer's hour k
 * is the k-th whole local hour after the one of the poll, so hour 1 of a poll at 03:40 is
 * 04:00–05:00, 20 minutes away, not an hour. Null for an instant that is not one.
 */
function hourStartOf(issuedAt: string, hour: number, timeZone: string): number | null {
  const issued = Date.parse(issuedAt) / 1000;
  if (!Number.isFinite(issued)) return null;
  try {
    return localHourStart(Math.floor(issued) + hour * 3600, timeZone);
  } catch {
    // An unknown zone names no hour.
    return null;
  }
}

function clockLabel(epochS: number, timeZone: string): { weekday: string; clock: string } {
  const local = localClockAt(epochS, timeZone);
  return { weekday: WEEKDAY_NAMES[isoWeekday(calendarDay(local.day)) - 1], clock: `${String(local.hour).padStart(2, '0')}:00` };
}

/** "Thu 14:00–15:00": the whole local hour a forecast hour stands for; "hour 3 of 24" when it cannot be named. */
export function forecastHourLabel(issuedAt: string, hour: number, timeZone: string): string {
  const start = hourStartOf(issuedAt, hour, timeZone);
  if (start === null) return `hour ${hour} of ${LAST_HOUR}`;
  const from = clockLabel(start, timeZone);
  return `${from.weekday} ${from.clock}–${clockLabel(start + 3600, timeZone).clock}`;
}

/** "starts 20 min after the poll", "starts 5 h 20 min after the poll": how far the hour is from the poll it was forecast from. */
export function forecastHourLead(issuedAt: string, hour: number, timeZone: string): string | null {
  const start = hourStartOf(issuedAt, hour, timeZone);
  if (start === null) return null;
  const minutes = Math.round((start - Date.parse(issuedAt) / 1000) / 60);
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  const lead = [h > 0 ? `${h} h` : null, m > 0 || h === 0 ? `${m} min` : null].filter((part) => part !== null).join(' ');
  return `starts ${lead} after the poll`;
}

/**
 * The hexagons as the map draws them at `hour`: value and weight are the expected occupancy (so
 * that, with forecastColorDomain, a colour means the same occupancy at every hour), ranked by it.
 */
export function forecastMapHexagons(columns: ForecastColumns, hour: number): HexagonDto[] {
  const occupancy = columns.occupancy[hour - 1] ?? [];
  // Among equals (full hexagons, say), the one with more stations ranks first.
  const order = columns.h3.map((_, i) => i).sort((a, b) => occupancy[b] - occupancy[a] || columns.stations[b] - columns.stations[a]);
  return order.map((i, rank) => ({
    h3: columns.h3[i],
    lat: columns.lat[i],
    lon: columns.lon[i],
    value: occupancy[i],
    weight: occupancy[i],
    rank: rank + 1,
    stations: columns.stations[i],
    coverage: 1,
    ...(columns.label[i] === null ? {} : { label: columns.label[i] }),
  }));
}

/** Where each hexagon is in the columns. */
export function hexagonIndex(columns: ForecastColumns): Map<string, number> {
  return new Map(columns.h3.map((h3, i) => [h3, i]));
}

/** Hexagon `i` of the columns at `hour`. */
export function hexagonAt(columns: ForecastColumns, i: number, hour: number): ForecastHexagonAt {
  const k = hour - 1;
  const bikes = columns.bikes[k][i];
  return {
    h3: columns.h3[i],
    label: columns.label[i],
    stations: columns.stations[i],
    occupancy: columns.occupancy[k][i],
    pFull: columns.pFull[k][i],
    pEmpty: columns.pEmpty[k][i],
    bikes,
    docks: Math.round((columns.capacity[i] - bikes) * 10) / 10,
  };
}

/** The H3 resolution of a forecast's hexagons (the answer does not repeat the one asked for). */
export function resolutionOf(hexagons: readonly { h3: string }[]): Resolution | null {
  try {
    return hexagons.length > 0 ? (getResolution(hexagons[0].h3) as Resolution) : null;
  } catch {
    return null;
  }
}

/** The occupancies the colours stretch over: the lowest and highest of all 24 hours, not of one. */
export function forecastColorDomain(columns: ForecastColumns): ColorDomain | null {
  let [min, max] = [Infinity, -Infinity];
  for (const hour of columns.occupancy) {
    for (const value of hour) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }
  return min <= max ? { minWeight: min, maxWeight: max, minValue: min, maxValue: max } : null;
}

/** The hexagon of `resolution` a station's cell lies in; null when its cell is coarser (or not a cell). */
function hexagonOf(stationH3: string, resolution: Resolution): string | null {
  try {
    const own = getResolution(stationH3);
    if (own < resolution) return null;
    return own === resolution ? stationH3 : cellToParent(stationH3, resolution);
  } catch {
    return null;
  }
}

/** The stations inside a hexagon, those expected to have most bikes at `hour` first. */
export function stationsInHexagon(stations: readonly ForecastStation[], h3: string, hour: number): ForecastStation[] {
  const resolution = resolutionOf([{ h3 }]);
  if (resolution === null) return [];
  return stations.filter((s) => hexagonOf(s.h3, resolution) === h3).sort((a, b) => b.bikes[hour - 1] - a.bikes[hour - 1] || a.name.localeCompare(b.name));
}

/** The report's horizon closest to `hour` (the earlier of two as close), if any. */
export function horizonFor(report: ErrorReport | null, hour: number): ErrorReport['horizons'][number] | null {
  let best: ErrorReport['horizons'][number] | null = null;
  for (const h of report?.horizons ?? []) {
    if (!best || Math.abs(h.hours - hour) < Math.abs(best.hours - hour) || (Math.abs(h.hours - hour) === Math.abs(best.hours - hour) && h.hours < best.hours)) best = h;
  }
  return best;
}

function baselines(mae: { persistence: number | null; seasonal: number | null }, seasonal: boolean): string {
  const parts = [mae.persistence === null ? null : `staying as now: ${formatDecimal(mae.persistence)}`];
  if (seasonal) parts.push(mae.seasonal === null ? null : `usual for the hour: ${formatDecimal(mae.seasonal)}`);
  const said = parts.filter((p) => p !== null);
  return said.length > 0 ? ` (${said.join(', ')})` : '';
}

/** "at +3 h", or "at +3 h, the nearest scored" when the slider's hour itself was not scored. */
function horizonWords(scored: number, hour: number): string {
  return scored === hour ? `at +${hour} h` : `at +${scored} h, the horizon scored nearest to +${hour} h`;
}

/** "Backtest: off by 1.8 bikes per station at +3 h (staying as now: 2.2, usual for the hour: 2.0)." */
export function backtestSentence(report: ErrorReport | null, hour: number): string {
  const horizon = horizonFor(report, hour);
  if (!horizon || horizon.mae.model === null) return 'Backtest: not scored yet (too little history to replay).';
  return `Backtest: off by ${formatDecimal(horizon.mae.model)} bikes per station ${horizonWords(horizon.hours, hour)}${baselines(horizon.mae, true)}.`;
}

/** "Live so far: 1.9 over 40 forecasts (staying as now: 2.1)." */
export function liveSentence(report: ErrorReport | null, hour: number): string {
  const horizon = horizonFor(report, hour);
  const scored = horizon?.origins ?? report?.origins ?? 0;
  if (!horizon || horizon.mae.model === null || scored === 0) {
    return 'Live so far: no forecast scored yet; each is scored once the polls of its hour arrive.';
  }
  const over = `${formatInteger(scored)} forecast${scored === 1 ? '' : 's'}`;
  const where = horizon.hours === hour ? '' : ` at +${horizon.hours} h`;
  return `Live so far: ${formatDecimal(horizon.mae.model)}${where} over ${over}${baselines(horizon.mae, false)}.`;
}

/** What each model does, in words. */
const MODEL_WORDS: Record<string, { short: string; long: string }> = {
  'seasonal+decay': {
    short: 'usual week + decay',
    long: "each station's usual level for the weekday and hour, plus today's difference from it fading hour by hour, each weighed by how well it held at that hour over the last two weeks",
  },
  'short-profile': {
    short: 'short profile',
    long: "each station's usual level for the weekday and hour over the weeks there are (fewer than three, so leaning more on its usual day and hour), plus today's difference fading",
  },
  persistence: { short: 'persistence', long: 'bikes staying as they are now (too little history yet for a profile)' },
};

const wordsOf = (name: string) => MODEL_WORDS[name] ?? { short: name, long: name };

/**
 * "Model: each station's usual level …; it answered for 1,412 stations, persistence for 88 stations.
 * Fitted Thu 3 Dec 2026 on the history from Thu 5 Nov 2026 to Thu 3 Dec 2026."
 */
export function modelSentence(model: ForecastModel, timeZone: string): string {
  const counts = Object.entries(model.answeredBy ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const answered = counts.length > 0 ? `; ${counts.map(([name, n], i) => `${i === 0 ? 'it answered for' : wordsOf(name).short + ' for'} ${formatInteger(n)} station${n === 1 ? '' : 's'}`).join(', ')}` : '';
  let fitted = '';
  if (model.fittedAt) {
    const history = model.history?.start && model.history.end ? ` on the history from ${formatInstantDay(model.history.start, timeZone)} to ${formatInstantDay(model.history.end, timeZone)}` : '';
    fitted = ` Fitted ${formatInstantDay(model.fittedAt, timeZone)}${history}.`;
  }
  return `Model: ${wordsOf(model.name).long}${answered}.${fitted}`;
}

/** "5 h", "2 d 4 h": an amount of history. */
export function formatHours(hours: number): string {
  const h = Math.max(0, Math.floor(hours));
  if (h < 48) return `${h} h`;
  return h % 24 === 0 ? `${h / 24} days` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** The 409's figures when the forecast failed for want of history, else null. */
export function historyShortfall(error: ApiError | null): { history: number; needed: number } | null {
  if (!error || error.status !== 409 || error.code !== 'not_enough_history') return null;
  const figures = notEnoughHistorySchema.safeParse(error.details);
  return figures.success ? { history: figures.data.history.hours, needed: figures.data.needed.hours } : { history: NaN, needed: NaN };
}

/** "Not enough history to forecast yet: 5 h of polls, 24 h needed." */
export function shortfallMessage({ history, needed }: { history: number; needed: number }): string {
  if (!Number.isFinite(history) || !Number.isFinite(needed)) return 'Not enough history to forecast yet.';
  return `Not enough history to forecast yet: ${formatHours(history)} of polls, ${formatHours(Math.ceil(needed))} needed.`;
}

/** Whole percent, never 100 % or 0 % for a chance the model left open. */
function chancePercent(chance: number): string {
  const percent = Math.round(chance * 100);
  if (percent === 100 && chance < 1) return '99 %';
  if (percent === 0 && chance > 0) return '1 %';
  return `${percent} %`;
}

/**
 * "bike available at 08:00: 82 % · free dock: 97 %": the complements of the calibrated chances of
 * empty and full, what a rider asks ("will there be a bike, and a free dock?").
 */
export function riderChances(pEmpty: number, pFull: number, clock: string | null): string {
  return `bike available${clock ? ` at ${clock}` : ''}: ${chancePercent(1 - pEmpty)} · free dock: ${chancePercent(1 - pFull)}`;
}

/** "12 bikes, likely 8–15": the expected count, rounded, with the 80 % interval. */
export function bikesWithInterval(bikes: number, low: number, high: number): string {
  const expected = Math.round(bikes);
  const count = `${expected} bike${expected === 1 ? '' : 's'}`;
  return low === high ? `${count}, likely exactly ${low}` : `${count}, likely ${low}–${high}`;
}

/** "14:00" out of "Thu 14:00–15:00" (forecastHourLabel): when the hour starts; null when the label names no hour. */
export function clockOfHourLabel(label: string): string | null {
  return /(\d{2}:00)–\d{2}:00$/.exec(label)?.[1] ?? null;
}
