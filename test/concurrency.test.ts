/** Simultaneous polls of one system: exactly one stores the feed; the others say why they did nothing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSystem, pollSystems, type IngestSettings } from '@/lib/ingest/pollSystem';
import { startReplay, startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';
import { storedCounts } from './support/tableCounts';
import { freePort } from './support/freePort';

/** A port nothing listens on: taken from the system, then released. */
process.env.LOG_LEVEL = 'silent';
const settings: IngestSettings = { FETCH_TIMEOUT_MS: 3_000, FETCH_MAX_BYTES: 5_000_000, FETCH_RETRIES: 0, MAX_GAP_SECONDS: 900 };
const START = Date.UTC(2025, 5, 3, 6) / 1000;

describe.each(DATABASE_KINDS)('concurrent polls on %s', (kind) => {
  let database: TestDatabase;
  let sim: RunningSimulator;
  let replay: RunningSimulator;
  let dir: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    sim = await startSimulator({ variant: 'v2', stations: 80, seed: 5, startTime: START });
    // Two recorded polls, one minute apart, served in order and then the second forever.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-concurrency-'));
    for (const name of ['0001', '0002']) {
      fs.mkdirSync(path.join(dir, name));
      for (const feed of ['system_information', 'station_information', 'station_status']) {
        fs.writeFileSync(path.join(dir, name, `${feed}.json`), await (await fetch(`${sim.url}/${feed}.json`)).text());
      }
    }
    replay = await startReplay({ dir });
  });
  afterAll(async () => {
    await replay?.close();
    await sim?.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ten simultaneous polls of the same feed store it once and credit the rollups once', async () => {
    const system = { id: 'same', gbfsUrl: replay.gbfsUrl };
    expect((await pollSystem(database.db, system, 'test', settings)).status).toBe('ok');
    const runs = await Promise.all(Array.from({ length: 10 }, () => pollSystem(database.db, system, 'test', settings)));
    expect(runs.filter((r) => r.status === 'ok')).toHaveLength(1);
    expect(runs.filter((r) => r.status === 'unchanged')).toHaveLength(9);
    const counts = await storedCounts(database.db, 'same');
    expect(counts.polls).toBe(2);
    expect(counts.runs).toBe(11);
    // One minute credited once per observed station, not ten times.
    expect(counts.observedS).toBe(60 * counts.hourly);
  });

  it('one failing system does not stop the others', async () => {
    const closed = await freePort();
    const runs = await pollSystems(
      database.db,
      [
        { id: 'down', gbfsUrl: `http://127.0.0.1:${closed}/gbfs.json` },
        { id: 'up', gbfsUrl: sim.gbfsUrl },
      ],
      'test',
      settings,
    );
    expect(runs.map((r) => [r.system, r.status])).toEqual([
      ['down', 'failed'],
      ['up', 'ok'],
    ]);
    expect(runs[0].error).toMatch(/ECONNREFUSED/);
  });
});
