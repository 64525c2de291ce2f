/** The answer of GET /api/forecast from an issued forecast, its model and its live scores: no I/O. */
import { cellToParent, getResolution } from 'h3-js';
import type { ForecastQuery, ForecastResponse, ForecastStationResponse } from '@/lib/forecast/schemas';
import { NotFoundError } from '@/lib/api/errors';
import { forecastHexagons } from '@/lib/forecast/live/hexagons';
import type { IssuedForecast } from '@/lib/forecast/live/types';
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

export function buildForecastAnswer(system: { id: string; timezone: string }, { forecast, model, live }: Issued, query: ForecastQuery): ForecastResponse {
  const h3 = query.h3 ?? null;
  const inCell = (cell: string) => h3 === null || (getResolution(cell) === getResolution(h3) ? cell === h3 : cellToParent(cell, getResolution(h3)) === h3);
  const stations = forecast.stations.filter((s) => inCell(s.h3));
  const backtest = model.backtest as BacktestSummary;
  return {
    system: system.id,
    timezone: system.timezone,
    issuedAt: isoTime(forecast.issuedAt),
    horizonHours: forecast.targets.map((_, k) => k + 1),
    resolution: query.resolution,
    h3,
    model: {
      name: mainModel(forecast.model.answeredBy),
      answeredBy: forecast.model.answeredBy as Record<string, number>,
      fittedAt: isoTime(forecast.model.fittedAt),
      history: { start: isoTime(forecast.model.historyStart), end: isoTime(forecast.model.historyEnd) },
    },
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
