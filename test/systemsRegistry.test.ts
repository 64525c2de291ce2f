/**
 * Systems added while the app runs, as an operator meets them: POST /api/systems (and PATCH,
 * DELETE) answer what happened or why not; an added system is listed, polled by the next round,
 * paused, removed with or without its data; the CLI adds one that a running poller picks up.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type net from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as listRoute, POST as addRoute } from '@/app/api/systems/route';
import { DELETE as removeRoute, PATCH as pauseRoute } from '@/app/api/systems/[id]/route';
import { errorResponseSchema } from '@/lib/api/schemas';
import { addedSystemResponseSchema, systemsResponseSchema } from '@/lib/systems/schemas';
import { resetConfig } from '@/lib/config';
import { runIngest } from '@/lib/ingest/pollSystem';
import { startScheduler } from '@/lib/ingest/scheduler';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { getDatabase } from '@/db/client';
import { queryRows } from '@/db/rows';
import { sql } from 'drizzle-orm';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { freePort } from './support/freePort';
import { storedCounts } from './support/tableCounts';

const SECRET = 'registry-secret-0123456789';
const auth = { authorization: `Bearer ${SECRET}` };
const url = (path: string) => `http://localhost${path}`;
const post = (body: unknown, headers: Record<string, string> = auth) =>
  addRoute(new Request(url('/api/systems'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }));
const patch = (id: string, body: unknown) =>
  pauseRoute(new Request(url(`/api/systems/${id}`), { method: 'PATCH', headers: auth, body: JSON.stringify(body) }), { params: Promise.resolve({ id }) });
const remove = (id: string, query = '') => removeRoute(new Request(url(`/api/systems/${id}${query}`), { method: 'DELETE', headers: auth }), { params: Promise.resolve({ id }) });
const listed = async () => systemsResponseSchema.parse(await (await listRoute(new Request(url('/api/systems')))).json()).systems;
const cron = () => cronRoute(new Request(url('/api/cron/ingest'), { headers: auth }));
const errorOf = async (response: Response) => errorResponseSchema.parse(await response.json()).error;

/** A publisher's v3 manifest listing two systems, one of them the simulator's. */
function manifestServer(gbfsUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const manifest = {
    last_updated: '2026-01-01T00:00:00Z',
    ttl: 60,
    version: '3.0',
    data: { datasets: [{ system_id: 'sim_city', versions: [{ version: '3.0', url: gbfsUrl }] }, { system_id: 'elsewhere', versions: [{ version: '3.0', url: 'http://127.0.0.1:9/gbfs.json' }] }] },
  };
  return new Promise((resolve) => {
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(manifest)));
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/manifest.json`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

describe.each(DATABASE_KINDS)('systems added while running, on %s', (kind) => {
  let appDb: AppTestDatabase;
  let home: RunningSimulator;
  let added: RunningSimulator;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    process.env.ALLOW_PRIVATE_FEEDS = '1';
    const startTime = Math.floor(Date.now() / 1000) - 3600;
    home = await startSimulator({ variant: 'velib', stations: 20, seed: 3, startTime, stepSeconds: 300 });
    added = await startSimulator({ variant: 'v3', stations: 25, seed: 4, startTime, stepSeconds: 300 });
    process.env.GBFS_SYSTEMS = `home=${home.gbfsUrl}`;
    appDb = await pointAppAtTestDatabase(kind, 'registry');
  });
  beforeEach(() => {
    process.env.ALLOW_PRIVATE_FEEDS = '1';
    resetConfig();
  });
  afterAll(async () => {
    await appDb.release();
    await home?.close();
    await added?.close();
    delete process.env.ALLOW_PRIVATE_FEEDS;
    delete process.env.GBFS_SYSTEMS;
  });

  it('adds a system from its gbfs.json: named and zoned by its feed, listed, polled by the next round', async () => {
    const response = await post({ url: added.gbfsUrl, id: 'extra' });
    expect(response.status).toBe(201);
    const system = addedSystemResponseSchema.parse(await response.json());
    expect(system).toMatchObject({ id: 'extra', gbfsUrl: added.gbfsUrl, version: '3.0', stations: 25 });
    expect(system.timezone).toMatch(/\//);
    const extra = (await listed()).find((s) => s.id === 'extra');
    expect(extra).toMatchObject({ source: 'added', paused: false, name: system.name, timezone: system.timezone, lastAttempt: null });
    expect((await listed()).map((s) => [s.id, s.source])).toEqual([['home', 'env'], ['extra', 'added']]);

    const runs = await (await cron()).json();
    expect(runs.runs.map((r: { system: string; status: string }) => [r.system, r.status])).toEqual([['home', 'ok'], ['extra', 'ok']]);
    expect((await storedCounts((await getDatabase()).db, 'extra')).statuses).toBe(25);
  });

  it('says why it cannot add: a taken id (409), a body that is not JSON or lacks the URL (400), a feed that is not GBFS (422)', async () => {
    expect(await errorOf(await post({ url: added.gbfsUrl, id: 'extra' }))).toMatchObject({ code: 'system_exists', message: 'a system "extra" is already listed; choose another id', parameter: 'id' });
    expect(await errorOf(await post({ url: added.gbfsUrl, id: 'home' }))).toMatchObject({ code: 'system_exists' });
    expect(await errorOf(await post('{not json'))).toMatchObject({ code: 'invalid_body', parameter: 'body' });
    expect(await errorOf(await post({ id: 'x' }))).toMatchObject({ code: 'invalid_parameter', parameter: 'url' });
    expect(await errorOf(await post({ url: added.gbfsUrl, id: 'Not An Id' }))).toMatchObject({ code: 'invalid_parameter', parameter: 'id' });
    const notGbfs = await post({ url: `${added.url}/nothing-here.json`, id: 'broken' });
    expect(notGbfs.status).toBe(422);
    expect(await errorOf(notGbfs)).toMatchObject({ code: 'feed_unreachable', message: expect.stringMatching(/^HTTP 404 from 127\.0\.0\.1:\d+$/), parameter: 'url' });
    const closedPort = await freePort();
    const unreachable = await post({ url: `http://127.0.0.1:${closedPort}/gbfs.json`, id: 'gone' });
    expect(await errorOf(unreachable)).toMatchObject({ code: 'feed_unreachable', message: `127.0.0.1:${closedPort} refused the connection (is the feed's server running?)` });
    expect((await listed()).map((s) => s.id)).toEqual(['home', 'extra']);
  });

  it('refuses a loopback feed unless ALLOW_PRIVATE_FEEDS=1 (400, nothing fetched, nothing listed)', async () => {
    delete process.env.ALLOW_PRIVATE_FEEDS;
    resetConfig();
    const response = await post({ url: added.gbfsUrl, id: 'inside' });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'feed_refused', message: '127.0.0.1 is a loopback address; set ALLOW_PRIVATE_FEEDS=1 to read feeds inside this network', parameter: 'url' });
    expect(await errorOf(await post({ url: 'ftp://example.com/gbfs.json' }))).toMatchObject({ code: 'feed_refused', message: 'only http and https feeds are read, not ftp' });
    expect((await listed()).map((s) => s.id)).toEqual(['home', 'extra']);
  });

  it('asks for CRON_SECRET to add, pause or remove', async () => {
    const denied = await post({ url: added.gbfsUrl }, {});
    expect(denied.status).toBe(401);
    expect(await errorOf(denied)).toMatchObject({ code: 'unauthorized' });
    const wrong = await removeRoute(new Request(url('/api/systems/extra'), { method: 'DELETE', headers: { authorization: 'Bearer nope' } }), { params: Promise.resolve({ id: 'extra' }) });
    expect(wrong.status).toBe(401);
    delete process.env.CRON_SECRET;
    resetConfig();
    try {
      expect(await errorOf(await post({ url: added.gbfsUrl }))).toMatchObject({ code: 'not_configured' });
    } finally {
      process.env.CRON_SECRET = SECRET;
      resetConfig();
    }
  });

  it('adds from a v3 manifest: the dataset named by id, or says which ones it lists', async () => {
    const manifest = await manifestServer(added.gbfsUrl);
    try {
      expect(await errorOf(await post({ url: manifest.url }))).toMatchObject({ code: 'feed_invalid', message: 'not GBFS: manifest: it lists 2 systems (sim_city, elsewhere); choose one with its system_id as the id' });
      const response = await post({ url: manifest.url, id: 'sim_city' });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ id: 'sim_city', gbfsUrl: added.gbfsUrl });
      expect((await remove('sim_city', '?purge=1')).status).toBe(200);
    } finally {
      await manifest.close();
    }
  });

  it('pauses a system: no longer polled, still listed and served; resumed, polled again', async () => {
    expect(await (await patch('extra', { paused: true })).json()).toMatchObject({ id: 'extra', paused: true });
    expect((await listed()).find((s) => s.id === 'extra')?.paused).toBe(true);
    expect((await runIngest('test')).map((r) => r.system)).toEqual(['home']);
    // Not being collected, it cannot make the collector unhealthy.
    const health = await (await healthRoute(new Request(url('/api/health?strict=1')))).json();
    expect(health.systems.map((s: { id: string }) => s.id)).toEqual(['home']);
    const asked = await cronRoute(new Request(url('/api/cron/ingest?system=extra'), { headers: auth }));
    expect(asked.status).toBe(409);
    expect(await errorOf(asked)).toMatchObject({ code: 'system_paused', message: 'system "extra" is paused; resume it to poll it' });
    expect(await errorOf(await patch('extra', { paused: 'yes' }))).toMatchObject({ code: 'invalid_parameter', parameter: 'paused' });
    expect(await errorOf(await patch('nowhere', { paused: true }))).toMatchObject({ code: 'unknown_system' });
    await patch('extra', { paused: false });
    expect((await runIngest('test')).map((r) => r.system)).toEqual(['home', 'extra']);
  });

  it('removes an added system, keeping its data unless purged; a system of GBFS_SYSTEMS is removed there (409)', async () => {
    const env = await remove('home');
    expect(env.status).toBe(409);
    expect(await errorOf(env)).toMatchObject({ code: 'system_not_removable', message: 'system "home" comes from GBFS_SYSTEMS: remove it there, or pause it' });
    expect((await remove('nowhere')).status).toBe(404);

    const { db } = await getDatabase();
    const before = await storedCounts(db, 'extra');
    expect(await (await remove('extra')).json()).toEqual({ id: 'extra', purged: false, rowsDeleted: 0 });
    expect((await listed()).map((s) => s.id)).toEqual(['home']);
    expect(await storedCounts(db, 'extra')).toEqual(before);

    // Added again under its id, it is served with its history; then purged, nothing of it is left.
    expect((await post({ url: added.gbfsUrl, id: 'extra' })).status).toBe(201);
    const purged = await (await remove('extra', '?purge=1')).json();
    expect(purged).toMatchObject({ id: 'extra', purged: true });
    expect(purged.rowsDeleted).toBeGreaterThan(before.statuses);
    expect(await storedCounts(db, 'extra')).toEqual({ polls: 0, statuses: 0, stations: 0, versions: 0, states: 0, hourly: 0, observedS: 0, bikeS: 0, runs: 0 });
    const [{ rows }] = await queryRows<{ rows: number }>(db, sql`select count(*)::int as rows from systems where id = 'extra'`);
    expect(rows).toBe(0);
    // Every table the database has with a system_id column, asked of the database itself.
    const tables = await queryRows<{ name: string }>(db, sql`select table_name as name from information_schema.columns where table_schema = 'public' and column_name = 'system_id'`);
    expect(tables.length).toBeGreaterThanOrEqual(14);
    for (const { name } of tables) {
      const [left] = await queryRows<{ rows: number }>(db, sql`select count(*)::int as rows from ${sql.identifier(name)} where system_id = 'extra'`);
      expect(left.rows, name).toBe(0);
    }
    expect(await storedCounts(db, 'home')).toMatchObject({ statuses: expect.any(Number) });
    expect((await storedCounts(db, 'home')).statuses).toBeGreaterThan(0);
  });
});

describe('a system added by the CLI while a server polls the same Postgres', () => {
  let appDb: AppTestDatabase;
  let home: RunningSimulator;
  let added: RunningSimulator;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    process.env.FETCH_RETRIES = '0';
    const startTime = Math.floor(Date.now() / 1000) - 3600;
    home = await startSimulator({ variant: 'velib', stations: 10, seed: 6, startTime, stepSeconds: 300 });
    added = await startSimulator({ variant: 'v2', stations: 12, seed: 7, startTime, stepSeconds: 300 });
    process.env.GBFS_SYSTEMS = `home=${home.gbfsUrl}`;
    appDb = await pointAppAtTestDatabase('postgres', 'registry_cli');
  });
  afterAll(async () => {
    await appDb.release();
    await home?.close();
    await added?.close();
    delete process.env.GBFS_SYSTEMS;
  });

  it('is polled by the first round that starts after it was added, without a restart', { timeout: 60_000 }, async () => {
    const intervalSeconds = 2;
    // A round that starts once the CLI has answered must poll the new system: the round itself
    // says so (no deadline in seconds; the test's timeout is the only clock).
    let cliAnswered = false;
    let roundAfterAdd!: (systems: string[]) => void;
    let roundFailed!: (error: unknown) => void;
    const firstRoundAfterAdd = new Promise<string[]>((resolve, reject) => ([roundAfterAdd, roundFailed] = [resolve, reject]));
    const scheduler = startScheduler(
      intervalSeconds,
      async () => {
        const startedAfterAdd = cliAnswered;
        const systems = (await runIngest('scheduler')).map((r) => r.system);
        if (startedAfterAdd) roundAfterAdd(systems);
      },
      (error) => roundFailed(error),
    );
    try {
      const env = { ...process.env, ALLOW_PRIVATE_FEEDS: '1', GBFS_SYSTEMS: `home=${home.gbfsUrl}` };
      const run = (...args: string[]) => promisify(execFile)('node_modules/.bin/tsx', ['cli/systems.ts', ...args], { env });
      const { stdout } = await run('add', added.gbfsUrl, '--id', 'from-cli');
      expect(stdout).toMatch(/^added from-cli: .+ \(.+, GBFS 2\.\d+, 12 stations\), polled from the next round\n$/);
      cliAnswered = true;
      const { db } = await getDatabase();
      expect(await firstRoundAfterAdd).toEqual(['home', 'from-cli']);
      expect((await storedCounts(db, 'from-cli')).polls).toBeGreaterThanOrEqual(1);
      expect((await run('list')).stdout).toMatch(/^home\tenv\tpolled\thttp.+\nfrom-cli\tadded\tpolled\thttp.+\n$/);
      await expect(run('remove', 'home')).rejects.toMatchObject({ stderr: 'system "home" comes from GBFS_SYSTEMS: remove it there, or pause it\n' });
      await expect(run('frobnicate')).rejects.toMatchObject({ stderr: expect.stringContaining('unknown command "frobnicate"\nusage: npm run systems --') });
    } finally {
      await scheduler.stop();
    }
  });
});
