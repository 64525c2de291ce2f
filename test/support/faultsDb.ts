/** Database side of the fault suite: a connection that breaks on a chosen statement, and what must always hold. */
import { is, SQL, sql, StringChunk } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';

export interface BreakingDb {
  db: Db;
  /** Whether the chosen statement was reached; a test that never reached it proves nothing. */
  fired(): boolean;
}

type Execute = (query: SQL) => Promise<unknown>;

/** The SQL text of a drizzle query: its string chunks, never its parameters (which hold feed data). */
function statementText(query: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (is(node, StringChunk)) parts.push(...node.value);
    else if (is(node, SQL)) node.queryChunks.forEach(walk);
  };
  walk(query);
  return parts.join('').replace(/\s+/g, ' ');
}

/**
 * The same database, except that the first statement matching `pattern` goes through `intercept`,
 * inside the poll's transaction when that is where it runs. `execute` runs a statement on the same
 * handle (the transaction's connection); `proceed` runs the intercepted one.
 */
function intercepting(db: Db, pattern: RegExp, intercept: (proceed: () => Promise<unknown>, execute: Execute) => Promise<unknown>): BreakingDb {
  let fired = false;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (property === 'execute') {
          const execute: Execute = (query) => (value as Execute).call(object, query);
          return async (query: SQL) => {
            if (fired || !pattern.test(statementText(query))) return execute(query);
            fired = true;
            return intercept(() => execute(query), execute);
          };
        }
        if (property === 'transaction') {
          return (run: (tx: object) => Promise<unknown>) => (value as (r: unknown) => unknown).call(object, (tx: object) => run(wrap(tx)));
        }
        return typeof value === 'function' ? value.bind(object) : value;
      },
    });
  return { db: wrap(db), fired: () => fired };
}

/** The first statement matching `pattern` fails as on a dropped connection, without reaching the database. */
export function breakingOn(db: Db, pattern: RegExp): BreakingDb {
  return intercepting(db, pattern, () => {
    throw Object.assign(new Error('Connection terminated unexpectedly (injected)'), { code: 'ECONNRESET' });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * On a Postgres server: just before the first statement matching `pattern`, the transaction's
 * backend is terminated (and the client given time to see its socket close), then the statement
 * is sent. Between two statements no query is in flight, so only the client's own bookkeeping
 * can tell the statement would land on a new connection, outside the transaction.
 */
export function killingBefore(db: Db, url: string, pattern: RegExp): BreakingDb {
  return intercepting(db, pattern, async (proceed, execute) => {
    const rows = (await execute(sql`select pg_backend_pid() as pid`)) as Array<{ pid: number }>;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      // With a timeout, pg_terminate_backend waits until the backend has exited (Postgres 14+).
      await admin`select pg_terminate_backend(${rows[0].pid}, 5000)`;
    } finally {
      await admin.end({ timeout: 5 });
    }
    await sleep(200);
    return proceed();
  });
}

export interface RunRow {
  status: string;
  http_status: number | null;
  error: string | null;
  skipped: Record<string, number>;
  stations_seen: number;
  rows_written: number;
}

export async function runRow(db: Db, runId: number): Promise<RunRow> {
  const [row] = await queryRows<RunRow>(
    db,
    sql`select status, http_status, error, skipped, stations_seen, rows_written from ingest_runs where id = ${runId}`,
  );
  return row;
}

export async function lastRunRow(db: Db, systemId: string): Promise<RunRow & { id: number }> {
  const [row] = await queryRows<RunRow & { id: number }>(
    db,
    sql`select id::int as id, status, http_status, error, skipped, stations_seen, rows_written from ingest_runs
        where system_id = ${systemId} order by id desc limit 1`,
  );
  return row;
}

/** Stations the next poll credits (see isObserved) and the newest stored feed time. */
export async function creditBase(db: Db, systemId: string): Promise<{ observed: number; feedTime: number | null }> {
  const [row] = await queryRows<{ observed: number; feedTime: number | null }>(
    db,
    sql`select
      (select count(*)::int from station_state where system_id = ${systemId} and present and is_installed and bikes + docks <> 0) as observed,
      (select extract(epoch from max(feed_time))::float8 from polls where system_id = ${systemId}) as "feedTime"`,
  );
  return row;
}

/** Names Postgres accepted can still be wrong: control characters, replacement characters, mojibake. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufffd]|\p{Cs}/u;

/** What no fault may ever leave in the tables, whatever it did to a poll. Returns the violations found. */
export async function invariantViolations(db: Db, systemId: string): Promise<Record<string, number>> {
  const [counts] = await queryRows<Record<string, number>>(
    db,
    sql`select
      (select count(*)::int from station_status where system_id = ${systemId}
         and (bikes < 0 or docks < 0 or ebikes < 0 or mechanical < 0 or bikes > 10000 or docks > 10000)) as "badCounts",
      (select count(*)::int from station_status where system_id = ${systemId}
         and (last_reported < '2000-01-01T00:00:00Z' or last_reported > feed_time + interval '300 seconds')) as "badLastReported",
      (select count(*)::int from station_versions where system_id = ${systemId}
         and (lat = 'NaN' or lon = 'NaN' or lat not between -90 and 90 or lon not between -180 and 180 or (lat = 0 and lon = 0))) as "badCoordinates",
      (select count(*)::int from station_hourly where system_id = ${systemId}
         and (observed_s < 0 or bike_s < 0 or dock_s < 0 or ebike_s < 0 or mechanical_s < 0 or full_s > observed_s or empty_s > observed_s)) as "badRollups",
      (select count(*)::int from stations s where system_id = ${systemId}
         and not exists (select 1 from station_versions v where v.system_id = s.system_id and v.station_id = s.station_id)) as "stationsWithoutVersion"`,
  );
  const names = await queryRows<{ name: string; code: string | null }>(
    db,
    sql`select name, code from station_versions where system_id = ${systemId} union all select name, null from systems where id = ${systemId}`,
  );
  const unprintable = names.filter((n) => UNPRINTABLE.test(n.name) || (n.code !== null && UNPRINTABLE.test(n.code))).length;
  return Object.fromEntries(Object.entries({ ...counts, unprintableNames: unprintable }).filter(([, n]) => n > 0));
}

/**
 * Runs `during` with uncaught exceptions collected instead of reported: postgres.js 3.4.9 throws
 * one from a setImmediate when a transaction's backend dies (porsager/postgres#1208), which would
 * otherwise end the test run; the caller asserts on what was collected.
 */
export async function collectingUncaught<T>(during: () => Promise<T>): Promise<{ result: T; uncaught: Error[] }> {
  const uncaught: Error[] = [];
  const saved = process.listeners('uncaughtException');
  const collect = (error: Error) => void uncaught.push(error);
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', collect);
  try {
    const result = await during();
    // The driver's deferred writes run on the next turns of the event loop.
    await sleep(100);
    return { result, uncaught };
  } finally {
    process.off('uncaughtException', collect);
    for (const listener of saved) process.on('uncaughtException', listener);
  }
}

/**
 * Holds `lock` on a second connection, starts `poll`, waits (bounded) until the poll is blocked on
 * the lock, then calls `interrupt` (which breaks the poll's connection) and lets go.
 */
async function interruptWhileBlocked<T>(
  url: string,
  lock: string,
  poll: () => Promise<T>,
  interrupt: (holder: postgres.TransactionSql) => Promise<number>,
): Promise<{ result: T; blockedOn: string; interrupted: number }> {
  const holder = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await holder.begin(async (tx) => {
      await tx.unsafe(lock);
      const polling = poll();
      // pg_locks, not pg_stat_activity.query: a lock taken while a statement is parsed shows the previous statement's text.
      let blocked: { lock: string }[] = [];
      for (let i = 0; i < 250 && blocked.length === 0; i++) {
        await sleep(20);
        blocked = await tx<{ lock: string }[]>`select concat_ws(' ', l.locktype, l.relation::regclass::text, l.mode) as lock
          from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where not l.granted and a.datname = current_database() and a.pid <> pg_backend_pid()`;
      }
      if (blocked.length === 0) throw new Error('the poll never blocked on the held lock');
      const interrupted = await interrupt(tx);
      return { result: await polling, blockedOn: blocked[0].lock, interrupted };
    });
  } finally {
    await holder.end({ timeout: 5 });
  }
}

/**
 * Really drops the poll's connection on a Postgres server: while the poll is blocked on `lock`,
 * every other backend of the database, the poll's included, is terminated.
 */
export function killWhileBlocked<T>(url: string, lock: string, poll: () => Promise<T>) {
  return interruptWhileBlocked(url, lock, poll, async (holder) => {
    const killed = await holder<{ ok: boolean }[]>`select pg_terminate_backend(pid) as ok from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`;
    return killed.length;
  });
}

/** The network between the app and the server fails while the poll is blocked on `lock`: `cut` resets its connections. */
export function cutWhileBlocked<T>(url: string, lock: string, poll: () => Promise<T>, cut: () => number) {
  return interruptWhileBlocked(url, lock, poll, async () => cut());
}
