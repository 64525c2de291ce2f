/**
 * db/transactionLanes.ts on a Postgres server, through drizzle's db.transaction as the app uses
 * it: commit, rollback, a cap on simultaneous transactions, and a connection lost mid-statement
 * (porsager/postgres#1208: it used to end the process) or between two statements (the rest of
 * the transaction must not run on a fresh connection, outside it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { queryRows } from '@/db/rows';
import { openTestDatabase, type TestDatabase } from './support/databases';
import { collectingUncaught } from './support/faultsDb';

/** Drizzle wraps a driver error in "Failed query: …" with the error as its cause. */
const rootMessage = (error: Error): string => (error.cause instanceof Error ? error.cause.message : error.message);

describe('transaction lanes on postgres', () => {
  let database: TestDatabase;
  let admin: postgres.Sql;

  const count = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from lane_probe`))[0].n;
  const backendPid = async (tx: Parameters<Parameters<TestDatabase['db']['transaction']>[0]>[0]) =>
    (await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0].pid;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    admin = postgres(database.url!, { max: 1, onnotice: () => {} });
    await database.db.execute(sql`create table lane_probe (n int)`);
  });
  afterAll(async () => {
    await admin?.end({ timeout: 5 });
    await database?.close();
  });

  it('commits, and rolls back on a failing statement with the lane still usable', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into lane_probe values (1)`);
    });
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into lane_probe values (2)`);
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(1);
    // Rolled back rather than left aborted: the next transaction works.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into lane_probe values (3)`);
    });
    expect(await count()).toBe(2);
  });

  it('runs ten transactions through at most four lanes, the rest waiting their turn', { timeout: 30_000 }, async () => {
    // A barrier: each transaction, once inside, waits until four are inside together, so four at
    // once is reached whatever a statement takes. All ten ask for a lane at once (db.transaction
    // asks synchronously) and none finishes before the barrier opens: a cap above four would open
    // a fifth lane, seen as a fifth backend. A cap below four never opens the barrier (the test's
    // timeout says so).
    let inside = 0;
    let most = 0;
    let openBarrier!: () => void;
    const fourInside = new Promise<void>((resolve) => (openBarrier = resolve));
    const pids = new Set<number>();
    const before = await count();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        database.db.transaction(async (tx) => {
          most = Math.max(most, ++inside);
          if (inside === 4) openBarrier();
          pids.add(await backendPid(tx));
          await fourInside;
          await tx.execute(sql`insert into lane_probe values (${100 + i})`);
          inside--;
        }),
      ),
    );
    expect(most).toBe(4);
    expect(pids.size).toBe(4);
    // Each of the ten committed.
    expect(await count()).toBe(before + 10);
    await database.db.execute(sql`delete from lane_probe where n >= 100`);
  });

  it('a backend killed mid-statement: the transaction fails, the process does not crash, the next one works', async () => {
    const { result, uncaught } = await collectingUncaught(async () => {
      const failing = database.db
        .transaction(async (tx) => {
          const pid = await backendPid(tx);
          await tx.execute(sql`insert into lane_probe values (4)`);
          // postgres.js queries are lazy: .then() sends this one.
          setTimeout(() => admin`select pg_terminate_backend(${pid})`.then(() => {}), 100);
          await tx.execute(sql`select pg_sleep(5)`);
        })
        .then(() => 'committed', rootMessage);
      return failing;
    });
    expect(uncaught.map((e) => e.message)).toEqual([]);
    expect(result).toMatch(/terminating connection|CONNECTION_CLOSED|ECONNRESET/);
    expect(await count()).toBe(2);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into lane_probe values (5)`);
    });
    expect(await count()).toBe(3);
  });

  it('a backend killed between two statements: the second is never sent, on any connection', async () => {
    const { result, uncaught } = await collectingUncaught(() =>
      database.db
        .transaction(async (tx) => {
          await tx.execute(sql`insert into lane_probe values (6)`);
          // pg_terminate_backend with a timeout returns once the backend is gone; then the client sees the close.
          await admin`select pg_terminate_backend(${await backendPid(tx)}, 5000)`;
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.execute(sql`insert into lane_probe values (7)`);
        })
        .then(() => 'committed', rootMessage),
    );
    expect(uncaught.map((e) => e.message)).toEqual([]);
    expect(result).toBe('the database connection was lost during the transaction');
    // Neither insert survived: the first was rolled back with the session, the second never ran.
    expect(await count()).toBe(3);
  });
});
