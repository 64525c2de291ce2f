/**
 * No secret ever leaves the process: CRON_SECRET, DATABASE_URL and its password appear in no
 * response (body or header), no log line (lib/log.ts writes through console) and no error a route
 * throws (Next logs those, `util.inspect`ed, own properties included). Checked with a working
 * database, a failing feed, hostile callers, and a database that is unreachable or misconfigured.
 */
import { resetConfig } from '@/lib/config';
import { inspect } from 'node:util';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { GET as hotspotsRoute } from '@/app/api/hotspots/route';
import { GET as hexagonRoute } from '@/app/api/hexagons/[h3]/route';
import { GET as systemsRoute } from '@/app/api/systems/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { closeDatabase } from '@/db/client';
import { startIngestScheduler } from '@/lib/ingest/scheduler';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { freePort } from './support/freePort';

const CRON_SECRET = `cron-${randomBytes(12).toString('hex')}`;
/** Put in DATABASE_URL as the password; the test server trusts loopback connections and ignores it. */
const DB_PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const START = Date.UTC(2025, 5, 3, 6) / 1000;
const DAY = '2025-06-03';

/** Everything the app wrote through console (lib/log.ts, Next-style error logging) during a test. */
const logLines: string[] = [];
beforeEach(() => {
  logLines.length = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logLines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 5 }))).join(' '));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

/** The secrets of the current configuration: the cron secret, the database URL and its password. */
function secretsNow(): string[] {
  const url = process.env.DATABASE_URL;
  const needles = [CRON_SECRET, DB_PASSWORD];
  if (!url) return needles;
  needles.push(url);
  const password = URL.canParse(url) ? decodeURIComponent(new URL(url).password) : '';
  if (password) needles.push(password);
  return needles;
}

/** What a caller or an operator could see of one request: the response, or the error Next would log. */
async function exposure(call: () => Promise<Response>): Promise<{ status: number | 'thrown'; seen: string }> {
  try {
    const response = await call();
    const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    return { status: response.status, seen: `${headers}\n${await response.text()}` };
  } catch (error) {
    // Next logs a thrown error with console.error(error): message, stack, cause and own properties.
    return { status: 'thrown', seen: inspect(error, { depth: 5 }) };
  }
}

const request = (url: string, headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers });
const withSecret = { authorization: `Bearer ${CRON_SECRET}` };

/** Every route, called rightly and wrongly. */
const CALLS: Array<[string, () => Promise<Response>]> = [
  ['cron, the right secret', () => cronRoute(request('/api/cron/ingest', withSecret))],
  ['cron, a wrong secret', () => cronRoute(request('/api/cron/ingest', { authorization: 'Bearer nope' }))],
  ['cron, the secret in the query', () => cronRoute(request(`/api/cron/ingest?secret=${CRON_SECRET}`))],
  ['cron, an unknown system', () => cronRoute(request('/api/cron/ingest?system=nowhere', withSecret))],
  ['hotspots', () => hotspotsRoute(request(`/api/hotspots?date=${DAY}`))],
  ['hotspots as CSV', () => hotspotsRoute(request(`/api/hotspots?date=${DAY}&format=csv`))],
  ['hotspots, a bad parameter', () => hotspotsRoute(request(`/api/hotspots?date=${DAY}&resolution=99`))],
  ['hexagon', () => hexagonRoute(request(`/api/hexagons/8a1fb46622dffff?date=${DAY}`), { params: Promise.resolve({ h3: '8a1fb46622dffff' }) })],
  ['systems', () => systemsRoute(request('/api/systems'))],
  ['health', () => healthRoute(request('/api/health'))],
  ['openapi', () => openApiRoute(request('/api/openapi.json'))],
];

function expectNoSecret(seen: string, where: string) {
  for (const secret of secretsNow()) expect(seen.includes(secret), `${where} shows a secret: ${seen.slice(0, 2_000)}`).toBe(false);
}

describe.each(DATABASE_KINDS)('secrets with a working database (%s)', (kind) => {
  let sim: RunningSimulator;
  let appDb: AppTestDatabase;

  beforeAll(async () => {
    delete process.env.LOG_LEVEL;
    sim = await startSimulator({ variant: 'velib', stations: 40, seed: 4, startTime: START, stepSeconds: 300 });
    process.env.GBFS_SYSTEMS = `paris=${sim.gbfsUrl}`;
    process.env.CRON_SECRET = CRON_SECRET;
    process.env.FETCH_RETRIES = '0';
    appDb = await pointAppAtTestDatabase(kind, 'secrets', { password: DB_PASSWORD });
  });
  afterAll(async () => {
    await appDb.release();
    await sim?.close();
    process.env.LOG_LEVEL = 'silent';
  });

  it('no response, thrown error or log line shows a secret, whatever is called', async () => {
    const statuses: Record<string, number | 'thrown'> = {};
    for (const round of [1, 2]) {
      for (const [name, call] of CALLS) {
        const { status, seen } = await exposure(call);
        statuses[name] = status;
        expectNoSecret(seen, `${name} (round ${round})`);
      }
    }
    // The calls did what they should (so the check covered real answers): polls stored, reads answered.
    expect(statuses).toMatchObject({ 'cron, the right secret': 200, 'cron, a wrong secret': 401, hotspots: 200, systems: 200 });
    expect(logLines.some((line) => line.includes('"event":"ingest.done"'))).toBe(true);
    for (const line of logLines) expectNoSecret(line, 'a log line');
  });

  it('a failing feed: its error is reported and logged, without a secret', async () => {
    sim.setFault({ feed: 'station_status', kind: 'http500', times: 1 });
    const { status, seen } = await exposure(() => cronRoute(request('/api/cron/ingest', withSecret)));
    expect(status).toBe(502);
    expect(seen).toMatch(/HTTP 500/);
    expectNoSecret(seen, 'the 502 answer');
    expect(logLines.filter((line) => line.includes('"event":"ingest.failed"'))).toHaveLength(1);
    for (const line of logLines) expectNoSecret(line, 'a log line');
  });
});

describe('secrets with a database that cannot be used', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    delete process.env.LOG_LEVEL;
    sim = await startSimulator({ variant: 'velib', stations: 10, seed: 4, startTime: START });
    process.env.GBFS_SYSTEMS = `paris=${sim.gbfsUrl}`;
    process.env.CRON_SECRET = CRON_SECRET;
    resetConfig();
  });
  afterAll(async () => {
    await closeDatabase().catch(() => {});
    await sim?.close();
    delete process.env.DATABASE_URL;
    process.env.LOG_LEVEL = 'silent';
    resetConfig();
  });

  // [case, its DATABASE_URL, what the poller's failure says]
  const brokenUrls: Array<[string, () => Promise<string>, RegExp]> = [
    ['nothing listening on its port', async () => `postgres://gbfs:${DB_PASSWORD}@127.0.0.1:${await freePort()}/gbfs`, /the database could not be opened: .*ECONNREFUSED/],
    ['a database that does not exist', async () => {
      const url = new URL(inject('testDatabaseUrl'));
      url.pathname = `/missing_${randomBytes(4).toString('hex')}`;
      if (!url.password) url.password = DB_PASSWORD;
      return url.toString();
    }, /the database could not be opened: database "missing_[0-9a-f]+" does not exist/],
    // Node's "Invalid URL" error carries the whole URL in `input`: db/client.ts replaces it.
    ['a malformed URL (port out of range, a space in the password)', async () => `postgres://gbfs:${DB_PASSWORD} x@127.0.0.1:99999/gbfs`, /DATABASE_URL cannot be used/],
  ];

  it.each(brokenUrls)('%s: no response, thrown error or log line shows a secret', { timeout: 30_000 }, async (_name, makeUrl, failure) => {
    process.env.DATABASE_URL = await makeUrl();
    resetConfig();
    await closeDatabase().catch(() => {});
    const statuses: Record<string, number | 'thrown'> = {};
    for (const [name, call] of CALLS) {
      const { status, seen } = await exposure(call);
      statuses[name] = status;
      expectNoSecret(seen, name);
    }
    // The database was really unusable: health says so, and every route that needs it answers 503 JSON, none throws.
    expect(statuses).toMatchObject({ health: 503, 'cron, a wrong secret': 401, 'cron, the right secret': 503, hotspots: 503, systems: 503, openapi: 200 });
    expect(Object.values(statuses)).not.toContain('thrown');
    // The routes answer 503 without a log line; the in-process poller logs the database's error
    // (the line a secret would ride on): its first round, failed, is in the lines scanned below.
    const tickFailed = await loggedBy(startIngestScheduler, 'scheduler.tick_failed').finally(stopIngestScheduler);
    expect(JSON.parse(tickFailed)).toMatchObject({ level: 'error', error: expect.stringMatching(failure) });
    expect(logLines.filter((line) => line.includes('"event":"scheduler.start"'))).toHaveLength(1);
    for (const line of logLines) expectNoSecret(line, 'a log line');
  });
});

const SCHEDULER = Symbol.for('gbfs-hotspots.scheduler');

/** Stops the poller startIngestScheduler keeps for the process, so that a later one can start. */
async function stopIngestScheduler(): Promise<void> {
  const holder = globalThis as { [SCHEDULER]?: { stop(): Promise<void> } };
  await holder[SCHEDULER]?.stop();
  delete holder[SCHEDULER];
}

/** Runs `start` and waits (the test's timeout the only limit) for its first log line of `event`. */
async function loggedBy(start: () => void, event: string): Promise<string> {
  start();
  const find = () => logLines.find((line) => line.includes(`"event":"${event}"`));
  while (!find()) await new Promise((resolve) => setTimeout(resolve, 20));
  return find()!;
}
