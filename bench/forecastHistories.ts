/**
 * The two histories the forecast is measured on, stored the way the app stores polls:
 *
 * - simulated: the project's Vélib-size city (lib/simulator), a poll every `stepSeconds`, each
 *   fetched over HTTP, parsed and stored through storePoll (the next poll is fetched while the
 *   current one is stored);
 * - Oslo: the four recorded weeks of GBFS_SAMPLES_DIR/oslo-bysykkel-weeks replayed through the
 *   cron route (`GET /api/cron/ingest`), as test/replayRecorded.test.ts does for three days.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { closeDatabase } from '@/db/client';
import { queryRows } from '@/db/rows';
import { fetchSnapshot } from '@/lib/gbfs/fetchSnapshot';
import { resetConfig } from '@/lib/config';
import { storePoll } from '@/lib/ingest/storePoll';
import { startReplay, startSimulator } from '@/simulator';

export interface IngestFigures {
  polls: number;
  seconds: number;
}

export interface SimulatedHistoryOptions {
  systemId: string;
  stations: number;
  days: number;
  stepSeconds: number;
  /** Feed time of the first poll. */
  start: number;
  log: (line: string) => void;
}

/** Whether the system already has hourly figures (a kept database is not ingested twice). */
export async function hasHistory(db: Db, systemId: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from station_hourly where system_id = ${systemId} limit 1`);
  return rows.length > 0;
}

export async function ingestSimulated(db: Db, options: SimulatedHistoryOptions): Promise<IngestFigures> {
  const started = performance.now();
  const polls = Math.floor((options.days * 86_400) / options.stepSeconds) + 1;
  const sim = await startSimulator({ variant: 'velib', stations: options.stations, seed: 1, startTime: options.start, stepSeconds: options.stepSeconds });
  const policy = { timeoutMs: 30_000, maxBytes: 50_000_000, retries: 0 };
  // Polls further apart than this leave the time between them unobserved: one step and a bit.
  const maxGapSeconds = Math.round(options.stepSeconds * 1.25);
  try {
    let next = fetchSnapshot(options.systemId, sim.gbfsUrl, policy);
    for (let i = 0; i < polls; i++) {
      const snapshot = await next;
      if (i + 1 < polls) next = fetchSnapshot(options.systemId, sim.gbfsUrl, policy);
      const run = { systemId: options.systemId, trigger: 'cli' as const, startedAt: Date.now() };
      const result = await storePoll(db, { systemId: options.systemId, gbfsUrl: sim.gbfsUrl, snapshot, maxGapSeconds, run });
      if (result.status !== 'ok') throw new Error(`simulated poll ${i} was stored as ${result.status}`);
      if (i % 500 === 0) options.log(`    poll ${i + 1} of ${polls} (${Math.round((performance.now() - started) / 1000)} s)`);
    }
  } finally {
    await sim.close();
  }
  return { polls, seconds: Math.round((performance.now() - started) / 1000) };
}

export interface OsloReplayOptions {
  samplesDir: string;
  systemId: string;
  /** postgres:// URL of the database the app (the cron route) writes to. */
  databaseUrl: string;
  /** MAX_GAP_SECONDS of the replay: the recorded polls are 20 to 70 minutes apart. */
  maxGapSeconds: number;
  log: (line: string) => void;
}

export const OSLO_FOLDER = 'oslo-bysykkel-weeks';

/** Every recorded snapshot, once, through the cron route of a process pointed at `databaseUrl`. */
export async function replayOsloThroughCron(options: OsloReplayOptions): Promise<IngestFigures> {
  const started = performance.now();
  const dir = path.join(options.samplesDir, OSLO_FOLDER);
  const snapshots = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, 'station_status.json'))).length;
  const replay = await startReplay({ dir, timezone: 'Europe/Oslo' });
  const secret = 'bench-forecast-secret-0123456789';
  const saved = { ...process.env };
  Object.assign(process.env, {
    GBFS_SYSTEMS: `${options.systemId}=${replay.gbfsUrl}`,
    CRON_SECRET: secret,
    MAX_GAP_SECONDS: String(options.maxGapSeconds),
    FETCH_RETRIES: '0',
    DATABASE_URL: options.databaseUrl,
    INGEST_INTERVAL_SECONDS: '0',
  });
  resetConfig();
  try {
    const { GET } = await import('@/app/api/cron/ingest/route');
    for (let i = 0; i < snapshots; i++) {
      const response = await GET(new Request('http://localhost/api/cron/ingest', { headers: { authorization: `Bearer ${secret}` } }));
      if (response.status !== 200) throw new Error(`cron poll ${i} answered ${response.status}: ${await response.text()}`);
      if (i % 400 === 0) options.log(`    poll ${i + 1} of ${snapshots} (${Math.round((performance.now() - started) / 1000)} s)`);
    }
  } finally {
    await closeDatabase();
    await replay.close();
    for (const key of ['GBFS_SYSTEMS', 'CRON_SECRET', 'MAX_GAP_SECONDS', 'FETCH_RETRIES', 'DATABASE_URL', 'INGEST_INTERVAL_SECONDS']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    resetConfig();
  }
  return { polls: snapshots, seconds: Math.round((performance.now() - started) / 1000) };
}
