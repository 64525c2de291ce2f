/** The answer of GET /api/forecast from an issued forecast, its model and its live scores: no I/O. */
import { cellToParent, getResolution } from 'h3-js';
import type { ForecastQuery, ForecastResponse } from '@/lib/forecast/schemas';
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

/** The live scores summed per horizon as mean errors per station. */
export function liveSummary(live: readonly LiveErrorRow[]) {
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
    backtest: { days: backtest.days, origins: backtest.origins, horizons: backtest.horizons.map(({ hours, mae }) => ({ hours, mae })) },
    live: { since: isoTime(liveSince(forecast.issuedAt)), ...liveSummary(live) },
    stations: stations.map(({ id, name, h3: cell, capacity, model: answeredBy, bikes, pFull, pEmpty }) => ({
      id,
      name,
      h3: cell,
      capacity,
      model: answeredBy,
      bikes,
      docks: bikes.map((b) => Math.round((capacity - b) * 100) / 100),
      pFull,
      pEmpty,
    })),
    hexagons: forecastHexagons(stations, query.resolution, FORECAST_HOURS),
  };
}
