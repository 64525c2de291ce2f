/** Raw history is pruned to RAW_RETENTION_DAYS; rollups stay, and a rebuild still gives the same numbers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSystem, type IngestSettings } from '@/lib/ingest/pollSystem';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { maintainTables, pruneHistory } from '@/lib/ingest/retention';
import { queryRows } from '@/db/rows';
import { sql } from 'drizzle-orm';
import { rebuildRollups } from '@/lib/hotspots/rebuild';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';
import { hourlyTable, storedCounts } from './support/tableCounts';

process.env.LOG_LEVEL = 'silent';
const settings: IngestSettings = { FETCH_TIMEOUT_MS: 3_000, FETCH_MAX_BYTES: 5_000_000, FETCH_RETRIES: 0, MAX_GAP_SECONDS: 900 };
const START = Date.UTC(2025, 5, 3, 6) / 1000;
const DAY = 86_400;

describe.each(DATABASE_KINDS)('retention on %s', (kind) => {
  let database: TestDatabase;
  let sim: RunningSimulator;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    sim = await startSimulator({ variant: 'velib', stations: 40, seed: 11, startTime: START, stepSeconds: 600 });
    // 06:00 → 10:00 UTC, every 10 minutes.
    for (let i = 0; i <= 24; i++) expect((await pollSystem(database.db, { id: 'r', gbfsUrl: sim.gbfsUrl }, 'test', settings)).status).toBe('ok');
  });
  afterAll(async () => {
    await sim?.close();
    await database?.close();
  });

  // The cases run in order on the same history: the second prunes what the first kept.
  it.each([
    ['a cut on an hour (07:05 keeps the 07:00 poll on)', START + 3600 + 300, 6],
    ['a cut inside an hour (07:25 keeps the 07:20 poll on)', START + 3600 + 1500, 2],
  ])('keeps the rollups and rebuilds the same numbers after %s', async (_, cut, pollsDropped) => {
    const full = await hourlyTable(database.db, 'r');
    const before = await storedCounts(database.db, 'r');
    const pruned = await pruneHistory(database.db, 'r', 1, cut + DAY);
    const after = await storedCounts(database.db, 'r');
    expect(before.polls - after.polls).toBe(pollsDropped);
    expect(pruned.polls).toBe(pollsDropped);
    expect(pruned.statuses).toBeGreaterThan(0);
    expect(before.statuses - after.statuses).toBe(pruned.statuses);
    // Every station keeps its state at the oldest kept poll.
    expect(after.statuses).toBeGreaterThanOrEqual(40);
    expect(await hourlyTable(database.db, 'r')).toEqual(full);

    await rebuildRollups(database.db, 'r', settings.MAX_GAP_SECONDS);
    expect(await hourlyTable(database.db, 'r')).toEqual(full);
  });

  it('vacuums and analyzes after pruning, so the planner knows the table as it now is (PGlite has no autovacuum)', async () => {
    const { statuses } = await storedCounts(database.db, 'r');
    await maintainTables(database.db, { pruned: true });
    const [table] = await queryRows<{ reltuples: number }>(database.db, sql`select reltuples::float8 as reltuples from pg_class where relname = 'station_status'`);
    // A small table is analyzed whole: the estimate is the exact count, pruned rows gone.
    expect(table.reltuples).toBe(statuses);
  });

  it('prunes nothing when the history is younger than the retention', async () => {
    expect(await pruneHistory(database.db, 'r', 90, START + DAY)).toEqual({ statuses: 0, polls: 0 });
  });
});
