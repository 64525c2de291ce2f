/**
 * GET /api/forecast: the newest issued forecast of a system (lib/forecast/afterPoll.ts issues
 * one per poll), its stations and hexagons, with the model's backtest and live error; and what the
 * health report says of it. A read never fits nor stores: a system with a day of history but no
 * forecast yet is answered 409 until its next poll (or `npm run forecast:fit`) issues one.
 */
import { ForecastNotIssuedError, NotEnoughHistoryError } from '@/lib/api/errors';
import type { ForecastMapResponse, ForecastQuery, ForecastResponse, ForecastStationResponse } from '@/lib/forecast/schemas';
import { forecastDrift, type ForecastDrift } from '@/lib/forecast/live/drift';
import type { IssuedForecast } from '@/lib/forecast/live/types';
import type { BacktestSummary } from '@/lib/forecast/backtestReport';
import { MIN_FORECAST_HISTORY_HOURS } from '@/lib/forecast/thresholds';
import { isoTime } from '@/lib/calendar';
import { getDatabase, type Db } from '@/db/client';
import { historyHours } from './historySql';
import { liveErrors, newestIssue, newestIssueAt, readModel } from './sql';
import { liveSince, liveSummary, type Issued } from './answer';
import { cachedForecastAnswer, cachedStationAnswer } from './answerCache';
import { readSystemState } from '../systems/readState';

async function readIssued(db: Db, systemId: string): Promise<Issued> {
  const [issue, model] = await Promise.all([newestIssue(db, systemId), readModel(db, systemId)]);
  if (issue === null || model === null) throw new Error(`no forecast stored for ${systemId}`);
  const forecast = JSON.parse(issue.forecast) as IssuedForecast;
  return { forecast, model, live: await liveErrors(db, systemId, liveSince(issue.issuedAt)) };
}

/** Why a system has no forecast to answer: too little history, or none issued yet. */
async function noForecast(db: Db, system: { id: string; timezone: string }, newestPoll: number | null): Promise<Error> {
  const hours = newestPoll === null ? 0 : await historyHours(db, system, newestPoll);
  if (hours < MIN_FORECAST_HISTORY_HOURS) return new NotEnoughHistoryError(hours, MIN_FORECAST_HISTORY_HOURS);
  return new ForecastNotIssuedError(system.id, hours);
}

export async function getForecast(query: ForecastQuery): Promise<ForecastResponse | ForecastMapResponse | ForecastStationResponse> {
  const { db } = await getDatabase();
  return query.station === undefined ? forecastAnswer(db, query) : stationForecastAnswer(db, query.system, query.station);
}

/** The newest issued forecast of a system, or why there is none. */
async function newestIssued(db: Db, systemId: string | undefined) {
  const { system, version } = await readSystemState(db, systemId);
  const issuedAt = await newestIssueAt(db, system.id);
  if (issuedAt === null) throw await noForecast(db, system, version.newestPoll);
  return { system, issuedAt };
}

export async function forecastAnswer(db: Db, query: ForecastQuery): Promise<ForecastResponse | ForecastMapResponse> {
  const { system, issuedAt } = await newestIssued(db, query.system);
  return cachedForecastAnswer(db, system, issuedAt, query, () => readIssued(db, system.id));
}

/** One station's 24 hours (GET /api/forecast?station=ID); an unknown station is a 404. */
export async function stationForecastAnswer(db: Db, systemId: string | undefined, stationId: string): Promise<ForecastStationResponse> {
  const { system, issuedAt } = await newestIssued(db, systemId);
  return cachedStationAnswer(db, system, issuedAt, stationId, () => readIssued(db, system.id));
}

/** For the health report: whether the system's live error drifts above its backtest; null without a model. */
export async function forecastHealth(db: Db, systemId: string): Promise<(ForecastDrift & { fittedAt: string; liveOrigins: number }) | null> {
  const [model, newest] = await Promise.all([readModel(db, systemId), newestIssueAt(db, systemId)]);
  if (model === null || newest === null) return null;
  const live = liveSummary(await liveErrors(db, systemId, liveSince(newest)));
  const backtest = (model.backtest as BacktestSummary).horizons.map(({ hours, mae }) => ({ hours, mae: mae.model }));
  const drift = forecastDrift(backtest, live.horizons.map(({ hours, origins, mae }) => ({ hours, origins, mae: mae.model })));
  return { ...drift, fittedAt: isoTime(model.fittedAt), liveOrigins: live.origins };
}
