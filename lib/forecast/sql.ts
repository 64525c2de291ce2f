/**
 * The forecast's stored rows as read back: a system's fitted model and its stations' fits, the
 * forecasts issued from polls, and the live scores of the kept ones (written by store.ts).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/rows';
import type { BrierSums, ObservedHourFigures } from './live/score';

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

export interface IssueRow {
  issuedAt: number;
  horizonsScored: number;
  /** The IssuedForecast as JSON text. */
  forecast: string;
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
    sql`select extract(epoch from max(issued_at))::float8 as at from forecast_issues where system_id = ${systemId} and kept`,
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
        where system_id = ${systemId} and kept and next_score_at <= to_timestamp(${at})
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

/**
 * Mean bikes (bike_s / observed_s) and the shares of the observed time empty and full of each
 * station in each of the hours, its cells added up; keyed by station id, NUL, hour start.
 */
export async function observedHourFigures(db: Executor, systemId: string, hourStarts: readonly number[]): Promise<Map<string, ObservedHourFigures>> {
  if (hourStarts.length === 0) return new Map();
  const rows = await queryRows<{ stationId: string; hourStart: number } & ObservedHourFigures>(
    db,
    sql`select station_id as "stationId", extract(epoch from hour_start)::float8 as "hourStart", (sum(bike_s) / sum(observed_s))::float8 as bikes,
               (sum(empty_s) / sum(observed_s))::float8 as "emptyShare", (sum(full_s) / sum(observed_s))::float8 as "fullShare"
        from station_hourly
        where system_id = ${systemId} and hour_start = any(${`{${hourStarts.map((h) => new Date(h * 1000).toISOString()).join(',')}}`}::timestamptz[])
        group by station_id, hour_start
        having sum(observed_s) > 0`,
  );
  return new Map(rows.map((r) => [`${r.stationId}\u0000${r.hourStart}`, { bikes: r.bikes, emptyShare: r.emptyShare, fullShare: r.fullShare }]));
}

export interface ScoreRow {
  hours: number;
  stations: number;
  modelAbsError: number;
  persistenceAbsError: number;
  seasonalAbsError: number;
}

export interface LiveErrorRow extends ScoreRow {
  origins: number;
  /** Stations of the rows that kept Brier sums (rows scored before they existed have none), and those sums. */
  brierStations: number;
  brierSums: BrierSums;
}

/** Per horizon, the live scores of the forecasts issued since `since`, summed. */
export async function liveErrors(db: Executor, systemId: string, since: number): Promise<LiveErrorRow[]> {
  return queryRows<LiveErrorRow>(
    db,
    sql`select hours, count(*)::int as origins, sum(stations)::int as stations, sum(model_abs_error)::float8 as "modelAbsError",
               sum(persistence_abs_error)::float8 as "persistenceAbsError", sum(seasonal_abs_error)::float8 as "seasonalAbsError",
               coalesce(sum(stations) filter (where brier_sums is not null), 0)::int as "brierStations",
               jsonb_build_object(${sql.join(
                 (['model', 'persistence', 'climatology'] as const).map(
                   (name) =>
                     sql`${name}::text, jsonb_build_object('empty', coalesce(sum((brier_sums->${name}->>'empty')::float8), 0), 'full', coalesce(sum((brier_sums->${name}->>'full')::float8), 0))`,
                 ),
                 sql`, `,
               )}) as "brierSums"
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
