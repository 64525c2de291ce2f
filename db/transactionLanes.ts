/**
 * Transactions on a Postgres server that survive losing their connection.
 *
 * postgres.js 3.4.9 pins a transaction (sql.begin) to one pooled connection, and a write to that
 * connection after it closed throws from a setImmediate: an uncaught TypeError that ends the
 * process (porsager/postgres#1208, fixes still open upstream). sql.begin makes that write itself:
 * the ROLLBACK it sends when a statement failed because the connection closed. So a Postgres
 * server that drops a poll's connection (restart, failover, idle killer, network cut) used to
 * take the whole app down.
 *
 * Here a transaction borrows a lane instead: a postgres.js client of exactly one connection, used
 * by one transaction at a time, with BEGIN, COMMIT and ROLLBACK sent as ordinary queries, so no
 * connection is pinned and nothing in the driver writes to a closed one. The lane's own `onclose`
 * says when its connection is gone. From then on the transaction sends nothing more: no ROLLBACK
 * (the server rolled back the transaction when its session ended) and, above all, none of its
 * remaining statements, which the client would otherwise run on a fresh connection outside any
 * transaction. A lane that lost its connection is ended and replaced, never reused.
 */
import type { Sql, TransactionSql } from 'postgres';
import { isConnectionLost } from './connectionLoss';

/** Opens a one-connection client; `onClose` is its postgres.js `onclose` option. */
type OpenConnection = (onClose: () => void) => Sql;

class ConnectionLostError extends Error {
  readonly code = 'CONNECTION_CLOSED';
  constructor() {
    super('the database connection was lost during the transaction');
  }
}

/** How long a ROLLBACK may take before its lane is given up. */
const ROLLBACK_TIMEOUT_MS = 5_000;

interface Lane {
  sql: Sql;
  /** The connection closed or failed since the lane was opened: nothing more may be sent on it. */
  lost: boolean;
}

export interface TransactionLanes {
  begin<T>(run: (tx: TransactionSql) => T | Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());

/**
 * The lane's client as the transaction's callback sees it: every statement first checks the
 * connection is still the one the transaction began on. Drizzle's session only calls `unsafe`.
 */
function guardedClient(lane: Lane): TransactionSql {
  const assertConnected = () => {
    if (lane.lost) throw new ConnectionLostError();
  };
  const guarded = new Proxy(lane.sql, {
    apply(target, thisArg, args: unknown[]) {
      assertConnected();
      return Reflect.apply(target, thisArg, args);
    },
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (...args: Parameters<Sql['unsafe']>) => {
          assertConnected();
          return target.unsafe(...args);
        };
      }
      if (property === 'savepoint') {
        return () => Promise.reject(new Error('nested transactions are not supported on transaction lanes'));
      }
      return Reflect.get(target, property, receiver);
    },
  });
  // A TransactionSql is a Sql plus savepoint (refused above): drizzle needs nothing else.
  return guarded as unknown as TransactionSql;
}

/**
 * At most `size` transactions at once, each on its own lane; further ones wait for a lane in
 * arrival order. `parsersFrom` is the pool drizzle configured: lanes parse values exactly as it does.
 */
export function createTransactionLanes(open: OpenConnection, size: number, parsersFrom: Sql): TransactionLanes {
  const idle: Lane[] = [];
  const waiting: Array<{ resolve: (lane: Lane) => void; reject: (error: Error) => void }> = [];
  let opened = 0;
  let closing = false;

  const openLane = (): Lane => {
    const state = { lost: false };
    const sql = open(() => {
      state.lost = true;
    });
    Object.assign(sql.options.parsers, parsersFrom.options.parsers);
    Object.assign(sql.options.serializers, parsersFrom.options.serializers);
    opened++;
    return Object.assign(state, { sql });
  };

  const discard = (lane: Lane) => {
    opened--;
    // end() only writes to a socket that is still open; timeout 0 destroys whatever is left.
    lane.sql.end({ timeout: 0 }).catch(() => {});
  };

  const acquire = (): Promise<Lane> => {
    if (closing) return Promise.reject(new Error('the database is closing'));
    // A lane whose connection closed while idle is replaced rather than reconnected.
    for (let lane = idle.pop(); lane; lane = idle.pop()) {
      if (!lane.lost) return Promise.resolve(lane);
      discard(lane);
    }
    if (opened < size) return Promise.resolve(openLane());
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };

  const release = (lane: Lane) => {
    if (closing) return discard(lane);
    if (lane.lost) discard(lane);
    const next = waiting.shift();
    if (!next) {
      if (!lane.lost) idle.push(lane);
      return;
    }
    next.resolve(lane.lost ? openLane() : lane);
  };

  /** Rolls back unless the connection is gone; a ROLLBACK that fails or hangs gives the lane up. */
  const rollback = async (lane: Lane, cause: unknown) => {
    if (lane.lost || isConnectionLost(cause)) {
      lane.lost = true;
      return;
    }
    const rolledBack = lane.sql.unsafe('rollback').then(
      () => 'done' as const,
      () => 'failed' as const,
    );
    if ((await Promise.race([rolledBack, sleep(ROLLBACK_TIMEOUT_MS)])) !== 'done') lane.lost = true;
  };

  return {
    async begin(run) {
      const lane = await acquire();
      try {
        await lane.sql.unsafe('begin');
        const result = await run(guardedClient(lane));
        if (lane.lost) throw new ConnectionLostError();
        await lane.sql.unsafe('commit');
        return result;
      } catch (error) {
        await rollback(lane, error);
        throw error;
      } finally {
        release(lane);
      }
    },
    async close() {
      closing = true;
      for (const waiter of waiting.splice(0)) waiter.reject(new Error('the database is closing'));
      const lanes = idle.splice(0);
      opened -= lanes.length;
      await Promise.all(lanes.map((lane) => lane.sql.end({ timeout: 5 })));
    },
  };
}

/**
 * The pool, with `begin` (what drizzle's db.transaction calls) running on a lane. Everything else,
 * reads and single statements, stays on the pool, whose connections are never pinned.
 */
export function withTransactionLanes(pool: Sql, lanes: TransactionLanes): Sql {
  const begin = (...args: [unknown, unknown?]) => {
    // sql.begin(options, run) is not used by drizzle, which sets transaction options by statement.
    if (typeof args[0] !== 'function') return Promise.reject(new Error('begin(options, run) is not supported on transaction lanes'));
    return lanes.begin(args[0] as (tx: TransactionSql) => unknown);
  };
  return new Proxy(pool, {
    get(target, property, receiver) {
      return property === 'begin' ? begin : Reflect.get(target, property, receiver);
    },
  });
}
