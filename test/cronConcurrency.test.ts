/**
 * The triggers racing each other as they do in production: the cron route called ten times at
 * once (a platform retrying, several schedulers), and the in-process scheduler ticking while the
 * route is called. Through the route handler and the process-wide database, as Next runs them.
 * Exactly one poll stores each feed, the rollups are credited once, the others say why they did
 * nothing, and every call is in the run log.
 */
import { resetConfig } from '@/lib/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { getDatabase, type Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { runIngest, type RunSummary } from '@/lib/ingest/pollSystem';
import { startScheduler } from '@/lib/ingest/scheduler';
import { startReplay, startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { storedCounts } from './support/tableCounts';

const SECRET = 'concurrency-secret-42';
const SYSTEM = 'paris';
const START = Date.UTC(2025, 5, 3, 6) / 1000;
// Recorded polls one minute apart; a replay serves its folder's snapshots in order, then the last one forever.
/** The first poll, then the feed all ten cron calls see. */
const FIRST_REPLAY = ['0001', '0002'];
/** The feed the scheduler and the cron calls race for. */
const SECOND_REPLAY = ['0003'];

interface CronBody {
  ok: boolean;
  runs: RunSummary[];
}

async function callCron(): Promise<{ status: number; body: CronBody }> {
  const response = await cronRoute(new Request('http://localhost/api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } }));
  return { status: response.status, body: (await response.json()) as CronBody };
}

/** Stations the next poll credits: present, installed and reporting something (see isObserved). */
async function observedStations(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from station_state where system_id = ${SYSTEM} and present and is_installed and bikes + docks <> 0`,
  );
  return row.n;
}

async function runTriggers(db: Db): Promise<Record<string, number>> {
  const rows = await queryRows<{ trigger: string; n: number }>(
    db,
    sql`select trigger, count(*)::int as n from ingest_runs where system_id = ${SYSTEM} group by trigger order by trigger`,
  );
  return Object.fromEntries(rows.map((r) => [r.trigger, r.n]));
}

describe.each(DATABASE_KINDS)('simultaneous triggers on %s', (kind) => {
  let replays: RunningSimulator[] = [];
  let dir: string;
  let appDb: AppTestDatabase;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    const sim = await startSimulator({ variant: 'velib', stations: 80, seed: 11, startTime: START });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-cron-race-'));
    try {
      for (const name of [...FIRST_REPLAY, ...SECOND_REPLAY]) {
        const folder = path.join(dir, FIRST_REPLAY.includes(name) ? 'first' : 'second', name);
        fs.mkdirSync(folder, { recursive: true });
        for (const feed of ['system_information', 'station_information', 'station_status']) {
          fs.writeFileSync(path.join(folder, `${feed}.json`), await (await fetch(`${sim.url}/${feed}.json`)).text());
        }
      }
    } finally {
      await sim.close();
    }
    replays = [await startReplay({ dir: path.join(dir, 'first') }), await startReplay({ dir: path.join(dir, 'second') })];
    process.env.GBFS_SYSTEMS = `${SYSTEM}=${replays[0].gbfsUrl}`;
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    appDb = await pointAppAtTestDatabase(kind, 'cron-race');
    const first = await callCron();
    expect(first.body.runs.map((r) => r.status)).toEqual(['ok']);
  });

  afterAll(async () => {
    await appDb.release();
    await Promise.all(replays.map((r) => r.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ten simultaneous cron calls: one stores the feed, nine say it was unchanged, rollups credited once', async () => {
    const { db } = await getDatabase();
    const before = await storedCounts(db, SYSTEM);
    const observed = await observedStations(db);
    expect(observed).toBeGreaterThan(60);

    const calls = await Promise.all(Array.from({ length: 10 }, callCron));
    expect(calls.map((c) => c.status)).toEqual(Array(10).fill(200));
    const runs = calls.map((c) => c.body.runs[0]);
    const stored = runs.filter((r) => r.status === 'ok');
    expect(stored).toHaveLength(1);
    const unchanged = runs.filter((r) => r.status === 'unchanged');
    expect(unchanged).toHaveLength(9);
    // Why they did nothing: the same feed time was stored already.
    for (const run of unchanged) expect(run).toMatchObject({ feedTime: stored[0].feedTime, rowsWritten: 0, rollupRows: 0 });

    const after = await storedCounts(db, SYSTEM);
    expect(after.polls).toBe(before.polls + 1);
    expect(after.runs).toBe(before.runs + 10);
    expect(new Set(runs.map((r) => r.runId)).size).toBe(10);
    expect(after.observedS - before.observedS).toBe(60 * observed);
    expect(after.statuses - before.statuses + (after.versions - before.versions)).toBe(stored[0].rowsWritten);
  });

  it('the scheduler ticking while the cron route is called: one stores, the others say unchanged', async () => {
    process.env.GBFS_SYSTEMS = `${SYSTEM}=${replays[1].gbfsUrl}`;
    resetConfig();
    const { db } = await getDatabase();
    const before = await storedCounts(db, SYSTEM);
    const triggersBefore = await runTriggers(db);
    const observed = await observedStations(db);

    let tickRuns: RunSummary[] = [];
    const tickErrors: unknown[] = [];
    // An hour's interval: exactly one tick, started at once, alongside four cron calls.
    const scheduler = startScheduler(
      3600,
      async () => {
        tickRuns = await runIngest('scheduler');
      },
      (error) => tickErrors.push(error),
    );
    const calls = await Promise.all(Array.from({ length: 4 }, callCron));
    await scheduler.stop();

    expect(tickErrors).toEqual([]);
    const runs = [...tickRuns, ...calls.map((c) => c.body.runs[0])];
    expect(runs).toHaveLength(5);
    expect(runs.filter((r) => r.status === 'ok')).toHaveLength(1);
    expect(runs.filter((r) => r.status === 'unchanged')).toHaveLength(4);

    const after = await storedCounts(db, SYSTEM);
    expect(after.polls).toBe(before.polls + 1);
    expect(after.observedS - before.observedS).toBe(60 * observed);
    const triggersAfter = await runTriggers(db);
    expect((triggersAfter.scheduler ?? 0) - (triggersBefore.scheduler ?? 0)).toBe(1);
    expect(triggersAfter.cron - triggersBefore.cron).toBe(4);
  });
});
