/**
 * What follows a stored poll, outside its transaction (issue 14): refit the system's model when
 * the poll's feed time crosses a local midnight (or as soon as a system without one has a day of
 * history), issue the forecast of every station from this poll, keep the first one of each local
 * hour, and score the kept ones whose hours have passed. Everything runs on feed time, so a
 * replayed or backfilled history refits and scores exactly as a live one.
 */
import { describeError } from '@/lib/errors';
import { localDateOf } from '@/lib/hotspots/localTime';
import { zoneClock } from '@/lib/forecast/clock';
import { capacityOf } from '@/lib/forecast/histories';
import { issueForecast, type StoredStationFit } from '@/lib/forecast/live/issue';
import { completedHorizons, scoreHorizons } from '@/lib/forecast/live/score';
import type { IssuedForecast } from '@/lib/forecast/live/types';
import { logEvent } from '@/lib/log';
import type { Db } from '@/db/client';
import { stationsNow } from '@/db/forecastHistory';
import { issuesToScore, newestKeptIssueAt, observedMeanBikes, readModel, readStationFits, storeIssue, storeScores, type ModelRow } from '@/db/forecasts';
import { perDatabase } from '@/lib/read/lruCache';
import { fitForecastModel, type SystemRef } from './forecastModel';

const fitsByDatabase = perDatabase<{ fittedAt: number; fits: Promise<Map<string, StoredStationFit>> }>(64);

/** The station fits of the stored model, read once per model and process. */
function storedFits(db: Db, systemId: string, model: ModelRow): Promise<Map<string, StoredStationFit>> {
  const cache = fitsByDatabase(db);
  const kept = cache.get(systemId);
  if (kept && kept.fittedAt === model.fittedAt) return kept.fits;
  const fits = readStationFits(db, systemId) as Promise<Map<string, StoredStationFit>>;
  cache.set(systemId, { fittedAt: model.fittedAt, fits });
  fits.catch(() => cache.delete(systemId));
  return fits;
}

/** The model to forecast with: refitted when the feed time is on a later local day than the fit. */
async function currentModel(db: Db, system: SystemRef, feedTime: number): Promise<ModelRow | null> {
  const model = await readModel(db, system.id);
  if (model !== null && localDateOf(feedTime, system.timezone) <= model.fittedDay) return model;
  return (await fitForecastModel(db, system, feedTime)) ?? model;
}

/** Issues and stores the forecast from the poll at `feedTime`; null without a model. */
export async function issueFromPoll(db: Db, system: SystemRef, feedTime: number, model: ModelRow): Promise<IssuedForecast> {
  const clock = zoneClock(system.timezone);
  const [fits, stations, keptAt] = await Promise.all([storedFits(db, system.id, model), stationsNow(db, system.id), newestKeptIssueAt(db, system.id)]);
  const active = stations.filter((s) => s.active).map((s) => ({ id: s.stationId, name: s.name, h3: s.h3, capacity: capacityOf(s), bikes: s.bikes, docks: s.docks }));
  const forecast = issueForecast(feedTime, active, fits, model, clock);
  const kept = keptAt === null || clock.hourStartOf(feedTime) > clock.hourStartOf(keptAt);
  await storeIssue(db, system.id, { issuedAt: feedTime, kept, modelFittedAt: model.fittedAt, forecast });
  return forecast;
}

/** Scores every kept forecast at the horizons whose hours ended by `feedTime`. */
export async function scoreKeptForecasts(db: Db, system: SystemRef, feedTime: number): Promise<void> {
  const clock = zoneClock(system.timezone);
  for (const issue of await issuesToScore(db, system.id)) {
    const forecast = issue.forecast as IssuedForecast;
    const horizons = completedHorizons(forecast, issue.horizonsScored, feedTime, clock.nextHourStart);
    if (horizons.length === 0) continue;
    const observed = await observedMeanBikes(db, system.id, horizons.map((h) => forecast.targets[h - 1]));
    const scores = scoreHorizons(forecast, horizons, (id, hourStart) => observed.get(`${id}\u0000${hourStart}`) ?? null);
    await storeScores(db, system.id, issue.issuedAt, scores, horizons[horizons.length - 1], issue.issuedAt === feedTime);
  }
}

export async function updateForecasts(db: Db, system: SystemRef, feedTime: number): Promise<void> {
  const model = await currentModel(db, system, feedTime);
  if (model === null) return;
  await issueFromPoll(db, system, feedTime, model);
  await scoreKeptForecasts(db, system, feedTime);
}

/** As updateForecasts, but a failure is logged and never fails the poll it follows (its data is stored). */
export async function updateForecastsAfterPoll(db: Db, system: SystemRef, feedTime: number): Promise<void> {
  try {
    await updateForecasts(db, system, feedTime);
  } catch (error) {
    logEvent('error', 'forecast.failed', { system: system.id, error: describeError(error) });
  }
}
