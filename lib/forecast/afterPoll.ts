/**
 * What follows a stored poll, outside its transaction: refit the system's model when
 * the poll's feed time crosses a local midnight (or as soon as a system without one has a day of
 * history), issue the forecast of every station from this poll, keep the first one of each local
 * hour, and score the kept ones whose hours have passed. Everything runs on feed time, so a
 * replayed or backfilled history refits and scores exactly as a live one.
 */
import { localDateOf } from '@/lib/calendar';
import { zoneClock, type LocalClock } from '@/lib/forecast/clock';
import { capacityOf } from '@/lib/forecast/histories';
import { issueForecast, type StoredStationFit } from '@/lib/forecast/live/issue';
import type { HorizonTrust } from '@/lib/forecast/horizonTrust';
import { completedHorizons, scoreHorizons, scoringView, type ScoringView } from '@/lib/forecast/live/score';
import type { IssuedForecast } from '@/lib/forecast/live/types';
import type { Db } from '@/db/client';
import type { AfterPollStep } from '@/lib/ingest/afterPoll';
import { stationsNow } from '@/lib/forecast/historySql';
import { issuesToScore, newestKeptIssueAt, observedHourFigures, readModel, readStationFits, type ModelRow } from '@/lib/forecast/sql';
import { storeIssue, storeScores } from '@/lib/forecast/store';
import { rememberIssued } from '@/lib/forecast/answerCache';
import { LRUCache } from 'lru-cache';
import { Memo, perDatabase } from '@/lib/cache';
import { fitForecastModel, type SystemRef } from './fitStored';

/** The kept forecasts not yet fully scored: a day of them, one an hour. */
const keptByDatabase = perDatabase(() => new LRUCache<string, ScoringView>({ max: 32 }));
const keptKey = (systemId: string, issuedAt: number) => `${systemId}|${issuedAt}`;

/** Per system, the fits of the model fitted at `fittedAt`. */
const fitsByDatabase = perDatabase(
  (db: Db) =>
    new Memo<string, { fittedAt: number; fits: Map<string, StoredStationFit> }, number>({
      max: 64,
      load: async (systemId, fittedAt) => ({ fittedAt, fits: (await readStationFits(db, systemId)) as Map<string, StoredStationFit> }),
    }),
);

/** The station fits of the stored model, read once per model and process. */
async function storedFits(db: Db, systemId: string, model: ModelRow): Promise<Map<string, StoredStationFit>> {
  const fits = fitsByDatabase(db);
  const kept = await fits.fetch(systemId, model.fittedAt);
  // Kept from an older fit of the system: read the new one in its place.
  return kept.fittedAt === model.fittedAt ? kept.fits : (await fits.refresh(systemId, model.fittedAt)).fits;
}

/** The model to forecast with: refitted when the feed time is on a later local day than the fit. */
async function currentModel(db: Db, system: SystemRef, feedTime: number): Promise<ModelRow | null> {
  const model = await readModel(db, system.id);
  if (model !== null && localDateOf(feedTime, system.timezone) <= model.fittedDay) return model;
  return (await fitForecastModel(db, system, feedTime)) ?? model;
}

/** When the first unscored horizon of a kept forecast can be scored: the end of its hour; null when all are. */
function nextScoreAt(forecast: { targets: readonly number[] }, horizonsScored: number, clock: LocalClock): number | null {
  return horizonsScored < forecast.targets.length ? clock.nextHourStart(forecast.targets[horizonsScored]) : null;
}

/** Whether the forecast of the poll at `feedTime` is the first of its local hour: the one kept for scoring. */
async function isKept(db: Db, system: SystemRef, feedTime: number): Promise<boolean> {
  const clock = zoneClock(system.timezone);
  const keptAt = await newestKeptIssueAt(db, system.id);
  // Issued again from the same poll (npm run forecast:fit), a kept forecast stays kept.
  return keptAt === null || keptAt === feedTime || clock.hourStartOf(feedTime) > clock.hourStartOf(keptAt);
}

/** Issues and stores the forecast from the poll at `feedTime`. */
export async function issueFromPoll(db: Db, system: SystemRef, feedTime: number, model: ModelRow, kept?: boolean): Promise<IssuedForecast> {
  const clock = zoneClock(system.timezone);
  const previousHour = clock.hourStartOf(clock.hourStartOf(feedTime) - 1);
  const [fits, stations, keep, previous] = await Promise.all([
    storedFits(db, system.id, model),
    stationsNow(db, system.id),
    kept ?? isKept(db, system, feedTime),
    observedHourFigures(db, system.id, [previousHour]),
  ]);
  const active = stations
    .filter((s) => s.active)
    .map((s) => ({ id: s.stationId, name: s.name, h3: s.h3, capacity: capacityOf(s), bikes: s.bikes, docks: s.docks, previousHourMean: previous.get(`${s.stationId}\u0000${previousHour}`)?.bikes ?? null }));
  const forecast = issueForecast(feedTime, active, fits, { ...model, trust: model.trust as HorizonTrust | null }, clock, keep);
  await storeIssue(db, system.id, {
    issuedAt: feedTime,
    modelFittedAt: model.fittedAt,
    forecast: JSON.stringify(forecast),
    nextScoreAt: keep ? nextScoreAt(forecast, 0, clock) : null,
  });
  if (keep) keptByDatabase(db).set(keptKey(system.id, feedTime), scoringView(forecast));
  return forecast;
}

/** Scores every kept forecast at the horizons whose hours ended by `feedTime`. */
export async function scoreKeptForecasts(db: Db, system: SystemRef, feedTime: number): Promise<void> {
  const clock = zoneClock(system.timezone);
  for (const issue of await issuesToScore(db, system.id, feedTime)) {
    const kept = keptByDatabase(db);
    const key = keptKey(system.id, issue.issuedAt);
    let view = kept.get(key);
    if (view === undefined) kept.set(key, (view = scoringView(JSON.parse(await issue.forecast()) as IssuedForecast)));
    const horizons = completedHorizons(view, issue.horizonsScored, feedTime, clock.nextHourStart);
    if (horizons.length === 0) continue;
    const observed = await observedHourFigures(db, system.id, horizons.map((h) => view.targets[h - 1]));
    const scores = scoreHorizons(view, horizons, (id, hourStart) => observed.get(`${id}\u0000${hourStart}`) ?? null);
    const horizonsScored = horizons[horizons.length - 1];
    await storeScores(db, system.id, issue.issuedAt, scores, {
      horizonsScored,
      nextScoreAt: nextScoreAt(view, horizonsScored, clock),
      isNewest: issue.issuedAt === feedTime,
    });
    if (horizonsScored >= view.targets.length) kept.delete(key);
  }
}

export interface ForecastOptions {
  /**
   * Catching up on past polls (a backfill): issue only the forecasts kept for scoring, the first
   * of each local hour; the caller issues the newest poll's at the end (updateForecasts).
   */
  keptOnly?: boolean;
}

export async function updateForecasts(db: Db, system: SystemRef, feedTime: number, options: ForecastOptions = {}): Promise<void> {
  const model = await currentModel(db, system, feedTime);
  if (model === null) return;
  const kept = await isKept(db, system, feedTime);
  if (options.keptOnly && !kept) return scoreKeptForecasts(db, system, feedTime);
  const forecast = await issueFromPoll(db, system, feedTime, model, kept);
  await scoreKeptForecasts(db, system, feedTime);
  await rememberIssued(db, system, forecast, model);
}

/** After every stored poll (lib/ingest/afterPoll.ts): refit on feed time, issue, keep, score. */
export const forecastStep: AfterPollStep = {
  name: 'forecast',
  run: ({ db, system, feedTime, catchingUp }) => updateForecasts(db, system, feedTime, { keptOnly: catchingUp }),
};
