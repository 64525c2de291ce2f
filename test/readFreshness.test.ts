/**
 * Read answers are keyed on the system's data version, which is kept for a moment instead of
 * being asked of the database on every request: a poll landing in this process shows at once,
 * one landing through another process within FRESH_FOR_MS.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database, type Db } from '@/db/client';
import { getConfig, resetConfig } from '@/lib/config';
import { pollSystem } from '@/lib/ingest/pollSystem';
import { NotFoundError } from '@/lib/api/errors';
import { configuredSystem } from '@/lib/systems/listed';
import { FRESH_FOR_MS, readSystemState } from '@/lib/systems/readState';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';

const START = Date.UTC(2025, 5, 3, 5, 0, 0) / 1000;
const STEP = 300;

describe.each(DATABASE_KINDS)('the system state read answers are keyed on, on %s', (kind) => {
  let sim: RunningSimulator;
  let database: TestDatabase;
  /** The state as read at wall-clock time `ms`: only Date is faked, and only during the read (polls keep the real clock). */
  const readAt = async (ms: number, systemId: string | undefined = 'paris') => {
    vi.useFakeTimers({ toFake: ['Date'], now: ms });
    try {
      return await readSystemState(database.db, systemId);
    } finally {
      vi.useRealTimers();
    }
  };

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    sim = await startSimulator({ variant: 'velib', stations: 20, seed: 11, startTime: START, stepSeconds: STEP });
    process.env.GBFS_SYSTEMS = `paris=${sim.gbfsUrl}`;
    resetConfig();
    database = await openTestDatabase(kind);
  });

  afterAll(async () => {
    await database?.close();
    await sim?.close();
  });

  const poll = async (db: Db) => expect((await pollSystem(db, await configuredSystem(db, 'paris'), 'test', { ...getConfig(), FETCH_RETRIES: 0 })).status).toBe('ok');

  it('is read once and shared until a poll of this process lands, which shows at once', async () => {
    await poll(database.db);
    const first = await readAt(1_000);
    // The same object: read once, then shared.
    expect(await readAt(1_500)).toBe(first);
    expect(await readAt(1_500, undefined)).toBe(first);
    const { system, version } = first;
    expect(system).toEqual({ id: 'paris', name: expect.any(String), timezone: 'Europe/Paris' });

    await poll(database.db);
    const second = await readAt(1_500);
    expect(second.version.newestPoll).toBe(version.newestPoll! + STEP);
  });

  it.skipIf(kind === 'pglite')('shows a poll written by another process within FRESH_FOR_MS', async () => {
    const before = await readAt(10_000);
    const otherProcess: Database = await openDatabase({ url: database.url!, migrate: false, maxConnections: 2 });
    try {
      await poll(otherProcess.db);
    } finally {
      await otherProcess.close();
    }
    expect((await readAt(10_000 + FRESH_FOR_MS - 1)).version).toEqual(before.version);
    const after = await readAt(10_000 + FRESH_FOR_MS);
    expect(after.version.newestPoll).toBe(before.version.newestPoll! + STEP);
  });

  it('names an unknown system, which the routes answer with a 404', async () => {
    await expect(readSystemState(database.db, 'lyon')).rejects.toThrow(NotFoundError);
    await expect(readSystemState(database.db, 'lyon')).rejects.toThrow(/unknown system "lyon"/);
  });
});
