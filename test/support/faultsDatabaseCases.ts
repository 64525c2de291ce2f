/**
 * The fault suite's database cases: the connection lost on each statement of a poll (injected,
 * on both kinds), and on a Postgres server the backend really killed, during a statement or
 * between two, and the network cut. Nothing of the poll may be stored, it is logged failed, the
 * process does not crash (postgres.js used to: see db/transactionLanes.ts).
 */
import { expect } from 'vitest';
import { openDatabase } from '@/db/client';
import { CONNECTION_KILLED, failed, renameFirstStation, STATEMENTS, SYSTEM, type FaultCase } from './faultCases';
import { breakingOn, collectingUncaught, cutWhileBlocked, killingBefore, killWhileBlocked } from './faultsDb';
import { startTcpCutter } from './faultsTcpCut';

export const DATABASE_CASES: FaultCase[] = [
  ...STATEMENTS.map(
    ([when, statement]): FaultCase => ({
      name: `the database connection lost while ${when}`,
      arrange: renameFirstStation,
      poll: async (ctx) => {
        const breaking = breakingOn(ctx.database.db, statement);
        const run = await ctx.poll({ via: 'proxy', db: breaking.db });
        expect(breaking.fired()).toBe(true);
        return run;
      },
      expect: failed(null, /^Connection terminated unexpectedly \(injected\)$/),
    }),
  ),
  ...STATEMENTS.map(
    ([when, statement]): FaultCase => ({
      name: `the Postgres backend killed between two statements, just before ${when}`,
      only: 'postgres',
      arrange: renameFirstStation,
      poll: async (ctx) => {
        const killing = killingBefore(ctx.database.db, ctx.database.url!, statement);
        const { result, uncaught } = await collectingUncaught(() => ctx.poll({ via: 'proxy', db: killing.db }));
        expect(killing.fired()).toBe(true);
        expect(uncaught.map((e) => e.message)).toEqual([]);
        return result;
      },
      // Sent on, the statement would have run on a new connection, outside the transaction.
      expect: failed(null, /^the database connection was lost during the transaction$/),
    }),
  ),
  {
    name: 'the network to the Postgres server cut while the poll waits to record itself',
    only: 'postgres',
    arrange: renameFirstStation,
    poll: async (ctx) => {
      const cutter = await startTcpCutter(ctx.database.url!);
      const relayed = await openDatabase({ url: cutter.url, migrate: false });
      try {
        const lock = 'lock table polls in exclusive mode';
        const poll = () => ctx.poll({ via: 'proxy', db: relayed.db });
        const { result, uncaught } = await collectingUncaught(() => cutWhileBlocked(ctx.database.url!, lock, poll, cutter.cut));
        expect(uncaught.map((e) => e.message)).toEqual([]);
        expect(result.blockedOn).toBe('relation polls RowExclusiveLock');
        expect(result.interrupted).toBeGreaterThan(0);
        return result.result;
      } finally {
        await relayed.close();
        await cutter.close();
      }
    },
    expect: failed(null, CONNECTION_KILLED),
  },
  {
    name: 'the Postgres backend killed while the poll waits for its advisory lock',
    only: 'postgres',
    poll: async (ctx) => {
      const lock = `select pg_advisory_xact_lock(hashtextextended('gbfs-ingest:${SYSTEM}', 0))`;
      const { result, uncaught } = await collectingUncaught(() => killWhileBlocked(ctx.database.url!, lock, () => ctx.poll()));
      // postgres.js used to crash the process here (a ROLLBACK written to the closed socket): see db/transactionLanes.ts.
      expect(uncaught.map((e) => e.message)).toEqual([]);
      expect(result.blockedOn).toBe('advisory ExclusiveLock');
      return result.result;
    },
    expect: failed(null, CONNECTION_KILLED),
  },
  {
    name: 'the Postgres backend killed at the poll\'s last statement, after every other write',
    only: 'postgres',
    arrange: renameFirstStation,
    poll: async (ctx) => {
      const lock = 'lock table polls in exclusive mode';
      const { result, uncaught } = await collectingUncaught(() => killWhileBlocked(ctx.database.url!, lock, () => ctx.poll({ via: 'proxy' })));
      // postgres.js used to crash the process here (a ROLLBACK written to the closed socket): see db/transactionLanes.ts.
      expect(uncaught.map((e) => e.message)).toEqual([]);
      // Parsing `insert into polls`, the last statement: everything else of the poll is written.
      expect(result.blockedOn).toBe('relation polls RowExclusiveLock');
      return result.result;
    },
    expect: failed(null, CONNECTION_KILLED),
  },
];
