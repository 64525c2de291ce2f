/**
 * The forecast's storage (issue 14): a system's fitted model and its stations' fits, the
 * forecasts issued from polls, and the live scores of the kept ones.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/rows';
import { lockSystemForWriting } from '../../db/systemLock';
import type { Db } from '../../db/client';

export interface ModelRow {
  fittedAt: number;
  fittedDay: string;
  historyStart: number;
  historyEnd: number;
  stations: number;
  fitMs: number;
  backtest: unknown;
  /** lib/forecast HorizonTrust as stored; null when none was fitted. */
  trust: unknown;
}

export async function readModel(db: Executor, systemId: string): Promise<ModelRow | null> {
  const [row] = await queryRows<ModelRow>(
    db,
    sql`select extract(epoch from fitted_at)::float8 as "fittedAt", fitted_day::text as "fittedDay",
               extract(epoch from history_start)::float8 as "historyStart", extract(epoch from history_end)::float8 as "historyEnd",
               stations, fit_ms as "fitMs", backtest, trust
        from forecast_models where system_id = ${systemId}`,
  );
  return row ?? null;
}

export async function readStationFits(db: Executor, systemId: string): Promise<Map<string, unknown>> {
  const rows = await queryRows<{ stationId: string; fit: unknown }>(
    db,
    sql`select station_id as "stationId", fit from forecast_station_models where system_id = ${systemId}`,
  );
  return new Map(rows.map((r) => [r.stationId, r.fit]));
}

/** Replaces the system's model and every station fit at once. */
export async function storeModel(db: Db, systemId: string, model: ModelRow, fits: ReadonlyMap<string, unknown>): Promise<void> {
  const fitsJson = JSON.stringify([...fits].map(([id, fit]) => ({ id, fit })));
  await db.transaction(async (tx) => {
    // Two processes refitting at once (the scheduler and a cron request) take turns.
    await lockSystemForWriting(tx, systemId);
    await tx.execute(sql`delete from forecast_station_models where system_id = ${systemId}`);
    await tx.execute(sql`
      insert into forecast_station_models (system_id, station_id, fit)
      select ${systemId}, e->>'id', e->'fit' from jsonb_array_elements(${fitsJson}::jsonb) e`);
    await tx.execute(sql`
      insert into forecast_models (system_id, fitted_at, fitted_day, history_start, history_end, stations, fit_ms, backtest, trust)
      values (${systemId}, to_timestamp(${model.fittedAt}), ${model.fittedDay}::date, to_timestamp(${model.historyStart}),
              to_timestamp(${model.historyEnd}), ${model.stations}, ${model.fitMs}, ${JSON.stringify(model.backtest)}::jsonb,
              ${model.trust === null ? null : JSON.stringify(model.trust)}::jsonb)
      on conflict (system_id) do update set fitted_at = excluded.fitted_at, fitted_day = excluded.fitted_day,
        history_start = excluded.history_start, history_end = excluded.history_end, stations = excluded.stations,
        fit_ms = excluded.fit_ms, backtest = excluded.backtest, trust = excluded.trust`);
  });
}

export interface IssueRow {
  issuedAt: number;
  horizonsScored: number;
  /** The IssuedForecast as JSON text. */
  forecast: string;
}

/**
 * Stores the forecast of a poll. Only the newest unkept one is worth keeping (the API answers
 * from it); a kept one (the first of its local hour) stays until it is scored, and `nextScoreAt`
 * says when its first horizon can be.
 */
export async function storeIssue(db: Executor, systemId: string, issue: { issuedAt: number; modelFittedAt: number; forecast: string; nextScoreAt: number | null }): Promise<void> {
  const kept = issue.nextScoreAt !== null;
  await db.execute(sql`
    with stored as (
      insert into forecast_issues (system_id, issued_at, scored, model_fitted_at, forecast, next_score_at)
      values (${systemId}, to_timestamp(${issue.issuedAt}), ${kept}, to_timestamp(${issue.modelFittedAt}), ${issue.forecast},
              ${kept ? sql`to_timestamp(${issue.nextScoreAt})` : sql`null`})
      on conflict (system_id, issued_at) do update set scored = excluded.scored, model_fitted_at = excluded.model_fitted_at,
        forecast = excluded.forecast, horizons_scored = 0, next_score_at = excluded.next_score_at
      returning issued_at)
    delete from forecast_issues
    where system_id = ${systemId} and not scored and issued_at < (select issued_at from stored)`);
}

const ISSUE_COLUMNS = sql`extract(epoch from issued_at)::float8 as "issuedAt", horizons_scored as "horizonsScored", forecast`;

export async function newestIssue(db: Executor, systemId: string): Promise<IssueRow | null> {
  const [row] = await queryRows<IssueRow>(db, sql`select ${ISSUE_COLUMNS} from forecast_issues where system_id = ${systemId} order by issued_at desc limit 1`);
  return row ?? null;
}

/** Feed time of the newest kept forecast, or null. */
export async function newestKeptIssueAt(db: Executor, systemId: string): Promise<number | null> {
  const [row] = await queryRows<{ at: number | null }>(
    db,
    sql`select extract(epoch from max(issued_at))::float8 as at from forecast_issues where system_id = ${systemId} and scored`,
  );
  return row?.at ?? null;
}

export interface IssueToScore {
  issuedAt: number;
  horizonsScored: number;
  /** Its JSON, read only when asked: a process that issued it holds what scoring needs. */
  forecast: () => Promise<string>;
}

/** The kept forecasts with a horizon whose hour has ended by `at`. */
export async function issuesToScore(db: Executor, systemId: string, at: number): Promise<IssueToScore[]> {
  const rows = await queryRows<{ issuedAt: number; horizonsScored: number }>(
    db,
    sql`select extract(epoch from issued_at)::float8 as "issuedAt", horizons_scored as "horizonsScored" from forecast_issues
        where system_id = ${systemId} and scored and next_score_at <= to_timestamp(${at})
        order by issued_at`,
  );
  return rows.map((row) => ({
    ...row,
    forecast: async () => {
      const [{ forecast }] = await queryRows<{ forecast: string }>(
        db,
        sql`select forecast from forecast_issues where system_id = ${systemId} and issued_at = to_timestamp(${row.issuedAt})`,
      );
      return forecast;
    },
  }));
}

/** Mean bikes (bike_s / observed_s) of each station in each of the hours, its cells added up. */
export async function observedMeanBikes(db: Executor, systemId: string, hourStarts: readonly number[]): Promise<Map<string, number>> {
  if (hourStarts.length === 0) return new Map();
  const rows = await queryRows<{ stationId: string; hourStart: number; bikes: number }>(
    db,
    sql`select station_id as "stationId", extract(epoch from hour_start)::float8 as "hourStart", (sum(bike_s) / sum(observed_s))::float8 as bikes
        from station_hourly
        where system_id = ${systemId} and hour_start = any(${`{${hourStarts.map((h) => new Date(h * 1000).toISOString()).join(',')}}`}::timestamptz[])
        group by station_id, hour_start
        having sum(observed_s) > 0`,
  );
  return new Map(rows.map((r) => [`${r.stationId}\u0000${r.hourStart}`, r.bikes]));
}

export interface ScoreRow {
  hours: number;
  stations: number;
  modelAbsError: number;
  persistenceAbsError: number;
  seasonalAbsError: number;
}

/** Records the scores of some horizons of a kept forecast; a forecast scored at every horizon is no longer kept. */
export async function storeScores(
  db: Db,
  systemId: string,
  issuedAt: number,
  scores: readonly ScoreRow[],
  progress: { horizonsScored: number; nextScoreAt: number | null; isNewest: boolean },
): Promise<void> {
  const { horizonsScored, nextScoreAt, isNewest } = progress;
  await db.transaction(async (tx) => {
    for (const s of scores) {
      await tx.execute(sql`
        insert into forecast_scores (system_id, issued_at, hours, stations, model_abs_error, persistence_abs_error, seasonal_abs_error)
        values (${systemId}, to_timestamp(${issuedAt}), ${s.hours}, ${s.stations}, ${s.modelAbsError}, ${s.persistenceAbsError}, ${s.seasonalAbsError})
        on conflict (system_id, issued_at, hours) do update set stations = excluded.stations, model_abs_error = excluded.model_abs_error,
          persistence_abs_error = excluded.persistence_abs_error, seasonal_abs_error = excluded.seasonal_abs_error`);
    }
    if (horizonsScored >= 24 && !isNewest) {
      await tx.execute(sql`delete from forecast_issues where system_id = ${systemId} and issued_at = to_timestamp(${issuedAt})`);
    } else {
      await tx.execute(sql`
        update forecast_issues set horizons_scored = ${horizonsScored}, next_score_at = ${nextScoreAt === null ? sql`null` : sql`to_timestamp(${nextScoreAt})`}
        where system_id = ${systemId} and issued_at = to_timestamp(${issuedAt})`);
    }
  });
}

export interface LiveErrorRow extends ScoreRow {
  origins: number;
}

/** Per horizon, the live scores of the forecasts issued since `since`, summed. */
export async function liveErrors(db: Executor, systemId: string, since: number): Promise<LiveErrorRow[]> {
  return queryRows<LiveErrorRow>(
    db,
    sql`select hours, count(*)::int as origins, sum(stations)::int as stations, sum(model_abs_error)::float8 as "modelAbsError",
               sum(persistence_abs_error)::float8 as "persistenceAbsError", sum(seasonal_abs_error)::float8 as "seasonalAbsError"
        from forecast_scores
        where system_id = ${systemId} and issued_at >= to_timestamp(${since}) and stations > 0
        group by hours order by hours`,
  );
}

/** Feed time of the newest issued forecast (kept or not), or null: what an answer is keyed on. */
export async function newestIssueAt(db: Executor, systemId: string): Promise<number | null> {
  const [row] = await queryRows<{ at: number | null }>(
    db,
    sql`select extract(epoch from max(issued_at))::float8 as at from forecast_issues where system_id = ${systemId}`,
  );
  return row?.at ?? null;
}
