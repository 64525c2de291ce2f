/** Whether a database error means the connection itself is gone (rather than one statement failing). */

/** postgres.js's own codes for a connection that closed, was ended or never opened. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT']);
/** Node's socket errors. */
const SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
/** SQLSTATEs sent just before the server ends the session: administrator command, crash, server starting or stopping. */
const SERVER_SHUTDOWN = new Set(['57P01', '57P02', '57P03']);

function codeOf(error: object): string | undefined {
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

/**
 * True for errors after which nothing more can be sent on the connection: driver and socket
 * errors, SQLSTATE class 08 (connection exception), shutdown codes and FATAL/PANIC severities
 * (the server ends the session after those). Drizzle wraps driver errors in `cause`.
 */
export function isConnectionLost(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = codeOf(current);
    if (code && (DRIVER_CODES.has(code) || SOCKET_CODES.has(code) || SERVER_SHUTDOWN.has(code) || code.startsWith('08'))) return true;
    const severity: unknown = Reflect.get(current, 'severity');
    if (severity === 'FATAL' || severity === 'PANIC') return true;
  }
  return false;
}
