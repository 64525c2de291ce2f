/** The errors a route knows how to answer: each becomes its HTTP status with a JSON body. */
import type { z } from 'zod';
import { isConnectionLost } from '@/db/connectionLoss';
import { DatabaseOpenError } from '@/db/client';

export abstract class ApiError extends Error {
  abstract readonly status: number;

  constructor(
    readonly code: string,
    message: string,
    readonly parameter?: string,
    readonly accepted?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Fields the error's JSON body carries beside code and message. */
  get details(): Record<string, unknown> {
    return {};
  }
}

/** A parameter names something that does not exist (a system, a station). */
export class NotFoundError extends ApiError {
  readonly status = 404;
}

/** A parameter is well-formed but cannot be answered as asked. */
export class BadRequestError extends ApiError {
  readonly status = 400;
}

/**
 * A request parameter (query, path or body field) failed its schema: its first issue, named after
 * the parameter it concerns, or after `name` when the value was parsed on its own (a path segment).
 */
export class InvalidParameterError extends BadRequestError {
  constructor(error: z.ZodError, name?: string) {
    const issue = error.issues[0];
    const parameter = name ?? (issue?.path.map(String).join('.') || 'query');
    super('invalid_parameter', `${parameter}: ${issue?.message ?? 'invalid'}`, parameter);
  }
}

/** The request lacks the bearer token its route asks for (CRON_SECRET, METRICS_TOKEN). */
export class UnauthorizedError extends ApiError {
  readonly status = 401;
}

/** The route needs a setting the server lacks (CRON_SECRET): it is disabled rather than open. */
export class NotConfiguredError extends ApiError {
  readonly status = 503;
}

/** The request clashes with what is stored (an id already taken, a paused system asked to poll). */
export class ConflictError extends ApiError {
  readonly status = 409;
}

/** A feed given to the app cannot be used: refused, unreachable or not GBFS. */
export class FeedUnusableError extends ApiError {
  readonly status = 422;
}

/** The database cannot be reached or opened; the request may succeed later. */
export class DatabaseUnavailableError extends ApiError {
  readonly status = 503;

  constructor() {
    super('database_unavailable', 'the database is unavailable; try again shortly');
  }
}

/** The known error behind `error`, or null for one no route expects. */
export function knownApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof DatabaseOpenError || isConnectionLost(error)) return new DatabaseUnavailableError();
  return null;
}

/** A forecast asked of a system with too little history: says how much there is and how much is needed. */
export class NotEnoughHistoryError extends ConflictError {
  constructor(
    readonly historyHours: number,
    readonly neededHours: number,
  ) {
    super('not_enough_history', `not enough history to forecast: ${historyHours.toFixed(1)} hours of polls, ${neededHours} needed`);
  }

  override get details(): Record<string, unknown> {
    return { history: { hours: Number(this.historyHours.toFixed(2)) }, needed: { hours: this.neededHours } };
  }
}

/**
 * A system with enough history whose forecast has not been issued yet (stored before forecasts
 * existed, or fitted at its next poll): a read never fits, so it says how the forecast comes.
 */
export class ForecastNotIssuedError extends ConflictError {
  constructor(
    systemId: string,
    readonly historyHours: number,
  ) {
    super('forecast_not_issued', `no forecast issued yet for ${systemId}: the next poll fits and issues one (or run npm run forecast:fit -- --system ${systemId})`);
  }

  override get details(): Record<string, unknown> {
    return { history: { hours: Number(this.historyHours.toFixed(2)) } };
  }
}
