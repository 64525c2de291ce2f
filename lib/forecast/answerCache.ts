/**
 * The issued forecasts this process holds, newest per system, and the answers made of them. The
 * process that issues a forecast puts it here at once (with the map's default answer), so that
 * no request after a poll waits for 1.5 MB of JSON to come back from the database; another
 * process reads it once per poll.
 */
import type { ForecastMapResponse, ForecastQuery, ForecastResponse, ForecastStationResponse } from '@/lib/forecast/schemas';
import { forecastQuerySchema } from '@/lib/forecast/schemas';
import type { IssuedForecast } from '@/lib/forecast/live/types';
import type { Db } from '@/db/client';
import { liveErrors, type ModelRow } from '@/lib/forecast/sql';
import { buildForecastAnswer, buildForecastMapAnswer, buildStationAnswer, liveSince, type Issued } from './answer';
import { LRUCache } from 'lru-cache';
import { Memo, perDatabase } from '../cache';

/** Read from the database (the caller says how) once per forecast, unless this process issued it. */
const issuedByDatabase = perDatabase(() => new Memo<string, Issued, () => Promise<Issued>>({ max: 16, load: (_key, load) => load() }));
const answersByDatabase = perDatabase(() => new LRUCache<string, ForecastResponse | ForecastMapResponse>({ max: 64 }));
/** What the map asks first: its view at the default resolution. */
const MAP_QUERY = forecastQuerySchema.parse({ view: 'map' });

const issuedKey = (systemId: string, issuedAt: number) => `${systemId}|${issuedAt}`;
const answerKey = (systemId: string, issuedAt: number, query: ForecastQuery) => `${issuedKey(systemId, issuedAt)}|${query.view}|${query.resolution}|${query.h3 ?? ''}`;

/** The answer of the view asked: the full one (every station and hexagon) or the map's columns. */
const buildAnswer = (system: { id: string; timezone: string }, issued: Issued, query: ForecastQuery) =>
  query.view === 'map' ? buildForecastMapAnswer(system, issued, query) : buildForecastAnswer(system, issued, query);

export async function rememberIssued(db: Db, system: { id: string; timezone: string }, forecast: IssuedForecast, model: ModelRow): Promise<void> {
  const issued: Issued = { forecast, model, live: await liveErrors(db, system.id, liveSince(forecast.issuedAt)) };
  issuedByDatabase(db).set(issuedKey(system.id, forecast.issuedAt), issued);
  answersByDatabase(db).set(answerKey(system.id, forecast.issuedAt, MAP_QUERY), buildAnswer(system, issued, MAP_QUERY));
}

/** One station's answer: built from the issued forecast this process holds (or reads once), never cached on its own. */
export async function cachedStationAnswer(
  db: Db,
  system: { id: string; timezone: string },
  issuedAt: number,
  stationId: string,
  load: () => Promise<Issued>,
): Promise<ForecastStationResponse> {
  const issued = await issuedByDatabase(db).fetch(issuedKey(system.id, issuedAt), load);
  return buildStationAnswer(system, issued, stationId);
}

export async function cachedForecastAnswer(
  db: Db,
  system: { id: string; timezone: string },
  issuedAt: number,
  query: ForecastQuery,
  load: () => Promise<Issued>,
): Promise<ForecastResponse | ForecastMapResponse> {
  const answers = answersByDatabase(db);
  const key = answerKey(system.id, issuedAt, query);
  const kept = answers.get(key);
  if (kept) return kept;
  const issued = await issuedByDatabase(db).fetch(issuedKey(system.id, issuedAt), load);
  const fresh = buildAnswer(system, issued, query);
  answers.set(key, fresh);
  return fresh;
}

/** Drops what this process holds, as another process would start: the next answer reads the database. */
export function forgetForecasts(db: Db): void {
  issuedByDatabase(db).clear();
  answersByDatabase(db).clear();
}
