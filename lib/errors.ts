/** Errors in words for a log line or a run log: the root cause, never a query's text or parameters. */

/** The root cause, without the query text and parameters a driver error wraps around it. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (error.message.startsWith('Failed query:') && cause instanceof Error) return describeError(cause);
  return error.message.slice(0, 500);
}
