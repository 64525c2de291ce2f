/**
 * The forecast's writes: a system's fitted model with its stations' fits (after a fit), the
 * forecast issued from each poll, and the live scores of the kept ones. Only the fit and the
 * after-poll step call these; the read side imports sql.ts.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { Executor } from '@/db/rows';
import { lockSystemForWriting } from '@/db/systemLock';
import { FORECAST_HOURS } from './thresholds';
import type { BrierSums } from './live/score';
import type { ModelRow, ScoreRow } from './sql';

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

/**
 * Stores the forecast of a poll. Only the newest unkept one is worth keeping (the API answers
 * from it); a kept one (the first of its local hour) stays until it is scored, and `nextScoreAt`
 * says when its first horizon can be.
 */
export async function storeIssue(db: Executor, systemId: string, issue: { issuedAt: number; modelFittedAt: number; forecast: string; nextScoreAt: number | null }): Promise<void> {
  const kept = issue.nextScoreAt !== null;
  await db.execute(sql`
    with stored as (
      insert into forecast_issues (system_id, issued_at, kept, model_fitted_at, forecast, next_score_at)
      values (${systemId}, to_timestamp(${issue.issuedAt}), ${kept}, to_timestamp(${issue.modelFittedAt}), ${issue.forecast},
              ${kept ? sql`to_timestamp(${issue.nextScoreAt})` : sql`null`})
      on conflict (system_id, issued_at) do update set kept = excluded.kept, model_fitted_at = excluded.model_fitted_at,
        forecast = excluded.forecast, horizons_scored = 0, next_score_at = excluded.next_score_at
      returning issued_at)
    delete from forecast_issues
    where system_id = ${systemId} and not kept and issued_at < (select issued_at from stored)`);
}

/** Records the scores of some horizons of a kept forecast; a forecast scored at every horizon is no longer kept. */
export async function storeScores(
  db: Db,
  systemId: string,
  issuedAt: number,
  scores: readonly (ScoreRow & { brierSums: BrierSums })[],
  progress: { horizonsScored: number; nextScoreAt: number | null; isNewest: boolean },
): Promise<void> {
  const { horizonsScored, nextScoreAt, isNewest } = progress;
  await db.transaction(async (tx) => {
    for (const s of scores) {
      await tx.execute(sql`
        insert into forecast_scores (system_id, issued_at, hours, stations, model_abs_error, persistence_abs_error, seasonal_abs_error, brier_sums)
        values (${systemId}, to_timestamp(${issuedAt}), ${s.hours}, ${s.stations}, ${s.modelAbsError}, ${s.persistenceAbsError}, ${s.seasonalAbsError},
                ${JSON.stringify(s.brierSums)}::jsonb)
        on conflict (system_id, issued_at, hours) do update set stations = excluded.stations, model_abs_error = excluded.model_abs_error,
          persistence_abs_error = excluded.persistence_abs_error, seasonal_abs_error = excluded.seasonal_abs_error, brier_sums = excluded.brier_sums`);
    }
    if (horizonsScored >= FORECAST_HOURS && !isNewest) {
      await tx.execute(sql`delete from forecast_issues where system_id = ${systemId} and issued_at = to_timestamp(${issuedAt})`);
    } else {
      await tx.execute(sql`
        update forecast_issues set horizons_scored = ${horizonsScored}, next_score_at = ${nextScoreAt === null ? sql`null` : sql`to_timestamp(${nextScoreAt})`}
        where system_id = ${systemId} and issued_at = to_timestamp(${issuedAt})`);
    }
  });
}
