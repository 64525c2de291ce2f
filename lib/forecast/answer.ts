/** The answer of GET /api/forecast from an issued forecast, its model and its live scores: no I/O. */
import { cellToParent, getResolution } from 'h3-js';
import type { ForecastMapResponse, ForecastQuery, ForecastResponse, ForecastStationResponse } from '@/lib/forecast/schemas';
import { NotFoundError } from '@/lib/api/errors';
import { forecastHexagons } from '@/lib/forecast/live/hexagons';
import type { IssuedForecast, IssuedStation } from '@/lib/forecast/live/types';
import { FORECAST_HOURS, SECONDS_PER_DAY } from '@/lib/forecast/thresholds';
import type { ModelName } from '@/lib/forecast/types';
import type { BacktestSummary } from '@/lib/forecast/backtestReport';
import { isoTime } from '@/lib/calendar';
import type { LiveErrorRow, ModelRow } from '@/lib/forecast/sql';

/** Live error over the forecasts of the last four weeks: recent enough to show a drift. */
export const LIVE_WINDOW_DAYS = 28;
export const liveSince = (issuedAt: number) => issuedAt - LIVE_WINDOW_DAYS * SECONDS_PER_DAY;

export interface Issued {
  forecast: IssuedForecast;
  model: ModelRow;
  live: LiveErrorRow[];
}

const meanOrNull = (sum: number, count: number) => (count > 0 ? sum / count : null);

/** The live scores summed per horizon as mean errors per station, and mean Brier scores. */
export function liveSummary(live: readonly LiveErrorRow[]) {
  const brierOf = (row: LiveErrorRow, chance: 'empty' | 'full') => ({
    model: meanOrNull(row.brierSums.model[chance], row.brierStations),
    persistence: meanOrNull(row.brierSums.persistence[chance], row.brierStations),
    climatology: meanOrNull(row.brierSums.climatology[chance], row.brierStations),
  });
  return {
    origins: Math.max(0, ...live.map((row) => row.origins)),
    horizons: live.map((row) => ({
      hours: row.hours,
      origins: row.origins,
      mae: {
        model: meanOrNull(row.modelAbsError, row.stations),
        persistence: meanOrNull(row.persistenceAbsError, row.stations),
        seasonal: meanOrNull(row.seasonalAbsError, row.stations),
      },
      brier: { empty: brierOf(row, 'empty'), full: brierOf(row, 'full') },
    })),
  };
}

function mainModel(answeredBy: Partial<Record<ModelName, number>>): string {
  const [name] = Object.entries(answeredBy).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  return name?.[0] ?? 'persistence';
}

/** A cell's stations (all of them without a cell), its resolution's parent of each station's own. */
function stationsIn(forecast: IssuedForecast, h3: string | null): IssuedStation[] {
  if (h3 === null) return forecast.stations;
  const resolution = getResolution(h3);
  return forecast.stations.filter((s) => (getResolution(s.h3) === resolution ? s.h3 === h3 : cellToParent(s.h3, resolution) === h3));
}

/** What both views open with: the system, the poll, the model. */
function answerHead(system: { id: string; timezone: string }, forecast: IssuedForecast, query: ForecastQuery) {
  return {
    system: system.id,
    timezone: system.timezone,
    issuedAt: isoTime(forecast.issuedAt),
    horizonHours: forecast.targets.map((_, k) => k + 1),
    resolution: query.resolution,
    h3: query.h3 ?? null,
    model: {
      name: mainModel(forecast.model.answeredBy),
      answeredBy: forecast.model.answeredBy as Record<string, number>,
      fittedAt: isoTime(forecast.model.fittedAt),
      history: { start: isoTime(forecast.model.historyStart), end: isoTime(forecast.model.historyEnd) },
    },
  };
}

export function buildForecastAnswer(system: { id: string; timezone: string }, { forecast, model, live }: Issued, query: ForecastQuery): ForecastResponse {
  const stations = stationsIn(forecast, query.h3 ?? null);
  const backtest = model.backtest as BacktestSummary;
  return {
    ...answerHead(system, forecast, query),
    backtest: {
      days: backtest.days,
      origins: backtest.origins,
      horizons: backtest.horizons.map(({ hours, mae, brier, interval }) => ({ hours, mae, ...(brier ? { brier } : {}), ...(interval ? { interval } : {}) })),
      ...(backtest.reliability ? { reliability: backtest.reliability } : {}),
    },
    live: { since: isoTime(liveSince(forecast.issuedAt)), ...liveSummary(live) },
    stations: stations.map(({ id, name, h3: cell, capacity, model: answeredBy, bikes, pFull, pEmpty, bikesLow, bikesHigh }) => ({
      id,
      name,
      h3: cell,
      capacity,
      model: answeredBy,
      bikes,
      docks: bikes.map((b) => Math.round((capacity - b) * 100) / 100),
      pFull,
      pEmpty,
      // A forecast issued before the interval existed: the expected bikes, rounded, at both ends.
      bikesLow: bikesLow ?? bikes.map((b) => Math.floor(b)),
      bikesHigh: bikesHigh ?? bikes.map((b) => Math.ceil(b)),
    })),
    hexagons: forecastHexagons(stations, query.resolution, FORECAST_HOURS),
  };
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const twoDecimals = (value: number) => Math.round(value * 100) / 100;
const threeDecimals = (value: number) => Math.round(value * 1000) / 1000;
/** A chance to 3 decimals that stays open: one the model left above 0 (below 1) is never written 0 (1). */
const openChance = (p: number) => (p <= 0 || p >= 1 ? p : Math.min(0.999, Math.max(0.001, threeDecimals(p))));

/**
 * What the map draws (GET /api/forecast?view=map): the hexagons of the full view as columns, each
 * hour's figures one array in the hexagons' order, rounded to what the map shows; their stations'
 * expected bikes summed (the tooltip's bikes and, with the capacity, free docks); no station list.
 */
export function buildForecastMapAnswer(system: { id: string; timezone: string }, { forecast, model, live }: Issued, query: ForecastQuery): ForecastMapResponse {
  const stations = stationsIn(forecast, query.h3 ?? null);
  const hexagons = forecastHexagons(stations, query.resolution, FORECAST_HOURS);
  const index = new Map(hexagons.map((h, i) => [h.h3, i]));
  const capacity = new Array<number>(hexagons.length).fill(0);
  const bikes = Array.from({ length: FORECAST_HOURS }, () => new Array<number>(hexagons.length).fill(0));
  for (const station of stations) {
    const cell = getResolution(station.h3) === query.resolution ? station.h3 : cellToParent(station.h3, query.resolution);
    const i = index.get(cell);
    if (i === undefined) continue;
    capacity[i] += station.capacity;
    for (let k = 0; k < FORECAST_HOURS; k++) bikes[k][i] += station.bikes[k] ?? 0;
  }
  const perHour = (pick: (h: (typeof hexagons)[number], k: number) => number) => Array.from({ length: FORECAST_HOURS }, (_, k) => hexagons.map((h) => pick(h, k)));
  const backtest = model.backtest as BacktestSummary;
  const { origins, horizons } = liveSummary(live);
  return {
    ...answerHead(system, forecast, query),
    backtest: { days: backtest.days, origins: backtest.origins, horizons: backtest.horizons.map(({ hours, mae }) => ({ hours, mae })) },
    live: { since: isoTime(liveSince(forecast.issuedAt)), origins, horizons: horizons.map(({ hours, origins: scored, mae }) => ({ hours, origins: scored, mae })) },
    stations: stations.length,
    hexagons: {
      h3: hexagons.map((h) => h.h3),
      lat: hexagons.map((h) => h.lat),
      lon: hexagons.map((h) => h.lon),
      stations: hexagons.map((h) => h.stations),
      label: hexagons.map((h) => h.label ?? null),
      capacity,
      occupancy: perHour((h, k) => threeDecimals(h.occupancy[k])),
      bikes: bikes.map((hour) => hour.map(oneDecimal)),
      pFull: perHour((h, k) => openChance(h.pFull[k])),
      pEmpty: perHour((h, k) => openChance(h.pEmpty[k])),
    },
  };
}

/** One station's 24 hours: what a widget shows, a few hundred bytes. An id the forecast does not hold is a 404. */
export function buildStationAnswer(system: { id: string }, { forecast }: Pick<Issued, 'forecast'>, stationId: string): ForecastStationResponse {
  const station = forecast.stations.find((s) => s.id === stationId);
  if (station === undefined) throw new NotFoundError('unknown_station', `unknown station "${stationId}" in system "${system.id}"`, 'station');
  return {
    system: system.id,
    issuedAt: isoTime(forecast.issuedAt),
    station: { id: station.id, name: station.name, capacity: station.capacity, model: station.model },
    bikes: station.bikes.map(oneDecimal),
    bikesLow: station.bikesLow ?? station.bikes.map((b) => Math.floor(b)),
    bikesHigh: station.bikesHigh ?? station.bikes.map((b) => Math.ceil(b)),
    pBike: station.pEmpty.map((p) => twoDecimals(1 - p)),
    pDock: station.pFull.map((p) => twoDecimals(1 - p)),
  };
}
