/** The errors a route knows how to answer: each becomes its HTTP status with a JSON body. */
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
