/**
 * GET /api/forecast: the newest issued forecast of a system (lib/ingest/forecastAfterPoll.ts keeps
 * one per poll), its stations and hexagons, with the model's backtest and live error.
 */
import { cellToParent, getResolution } from 'h3-js';
import { NotEnoughHistoryError } from '@/lib/api/errors';
import type { ForecastQuery, ForecastResponse } from '@/lib/api/forecastSchemas';
import { forecastDrift, type ForecastDrift } from '@/lib/forecast/live/drift';
import { forecastHexagons } from '@/lib/forecast/live/hexagons';
import type { IssuedForecast } from '@/lib/forecast/live/types';
import { FORECAST_HOURS, SECONDS_PER_DAY } from '@/lib/forecast/thresholds';
import type { ModelName } from '@/lib/forecast/types';
import { isoTime } from '@/lib/isoTime';
import { fitForecastModel, historyHours, MIN_FORECAST_HISTORY_HOURS, type BacktestSummary } from '@/lib/ingest/forecastModel';
import { issueFromPoll } from '@/lib/ingest/forecastAfterPoll';
import { getDatabase, type Db } from '@/db/client';
import { liveErrors, newestIssue, newestIssueAt, readModel, type LiveErrorRow, type ModelRow } from '@/db/forecasts';
import { perDatabase } from './lruCache';
import { readSystemState } from './systemState';

/** Live error over the forecasts of the last four weeks: recent enough to show a drift. */
export const LIVE_WINDOW_DAYS = 28;

interface Issued {
  forecast: IssuedForecast;
  model: ModelRow;
  live: LiveErrorRow[];
}

const issuedByDatabase = perDatabase<Promise<Issued>>(16);
const answersByDatabase = perDatabase<ForecastResponse>(64);

/** Stored data from before forecasts existed: fit and issue from the newest poll, once. */
async function issueNow(db: Db, system: { id: string; timezone: string }, newestPoll: number | null): Promise<void> {
  const hours = newestPoll === null ? 0 : await historyHours(db, system, newestPoll);
  if (newestPoll === null || hours < MIN_FORECAST_HISTORY_HOURS) throw new NotEnoughHistoryError(hours, MIN_FORECAST_HISTORY_HOURS);
  const model = (await readModel(db, system.id)) ?? (await fitForecastModel(db, system, newestPoll));
  if (model === null) throw new NotEnoughHistoryError(hours, MIN_FORECAST_HISTORY_HOURS);
  await issueFromPoll(db, system, newestPoll, model);
}

async function readIssued(db: Db, systemId: string): Promise<Issued> {
  const [issue, model] = await Promise.all([newestIssue(db, systemId), readModel(db, systemId)]);
  if (issue === null || model === null) throw new Error(`no forecast stored for ${systemId}`);
  const live = await liveErrors(db, systemId, issue.issuedAt - LIVE_WINDOW_DAYS * SECONDS_PER_DAY);
  return { forecast: issue.forecast as IssuedForecast, model, live };
}

function mainModel(answeredBy: Partial<Record<ModelName, number>>): string {
  const [name] = Object.entries(answeredBy).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  return name?.[0] ?? 'persistence';
}

const meanOrNull = (sum: number, count: number) => (count > 0 ? sum / count : null);

/** The live scores summed per horizon as mean errors per station. */
function liveSummary(live: readonly LiveErrorRow[]) {
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

/** For the health report: whether the system's live error drifts above its backtest; null without a model. */
export async function forecastHealth(db: Db, systemId: string): Promise<(ForecastDrift & { fittedAt: string; liveOrigins: number }) | null> {
  const [model, newest] = await Promise.all([readModel(db, systemId), newestIssueAt(db, systemId)]);
  if (model === null || newest === null) return null;
  const live = liveSummary(await liveErrors(db, systemId, newest - LIVE_WINDOW_DAYS * SECONDS_PER_DAY));
  const backtest = (model.backtest as BacktestSummary).horizons.map(({ hours, mae }) => ({ hours, mae: mae.model }));
  const drift = forecastDrift(backtest, live.horizons.map(({ hours, origins, mae }) => ({ hours, origins, mae: mae.model })));
  return { ...drift, fittedAt: isoTime(model.fittedAt), liveOrigins: live.origins };
}

function answer(system: { id: string; timezone: string }, { forecast, model, live }: Issued, query: ForecastQuery): ForecastResponse {
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
    live: { since: isoTime(forecast.issuedAt - LIVE_WINDOW_DAYS * SECONDS_PER_DAY), ...liveSummary(live) },
    stations: stations.map(({ id, name, h3: cell, capacity, model: answeredBy, bikes, docks, pFull, pEmpty }) => ({
      id, name, h3: cell, capacity, model: answeredBy, bikes, docks, pFull, pEmpty,
    })),
    hexagons: forecastHexagons(stations, query.resolution, FORECAST_HOURS),
  };
}

export async function getForecast(query: ForecastQuery): Promise<ForecastResponse> {
  const { db } = await getDatabase();
  const { system, version } = await readSystemState(db, query.system);
  let issuedAt = await newestIssueAt(db, system.id);
  if (issuedAt === null) {
    await issueNow(db, system, version.newestPoll);
    issuedAt = await newestIssueAt(db, system.id);
  }
  const key = `${system.id}|${issuedAt}`;
  const issuedCache = issuedByDatabase(db);
  let issued = issuedCache.get(key);
  if (issued === undefined) {
    issuedCache.set(key, (issued = readIssued(db, system.id)));
    issued.catch(() => issuedCache.delete(key));
  }
  const answerKey = `${key}|${query.resolution}|${query.h3 ?? ''}`;
  const answers = answersByDatabase(db);
  const kept = answers.get(answerKey);
  if (kept) return kept;
  const fresh = answer(system, await issued, query);
  answers.set(answerKey, fresh);
  return fresh;
}
