/**
 * A first run as a newcomer meets it: before any poll, with polls that fail (nothing listening,
 * an error status, an HTML page), and when the feed comes back. /api/systems says, per system,
 * how the newest attempt went and why, in words a person understands; the built-in Vélib' is
 * named, zoned and framed before its first poll.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as systemsRoute } from '@/app/api/systems/route';
import { systemsResponseSchema } from '@/lib/systems/schemas';
import { resetConfig } from '@/lib/config';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { freePort } from './support/freePort';

const SECRET = 'first-run-secret-0123456789';
const request = (url: string, headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers });
const cron = () => cronRoute(request('/api/cron/ingest', { authorization: `Bearer ${SECRET}` }));
const systems = async () => systemsResponseSchema.parse(await (await systemsRoute(request('/api/systems'))).json()).systems;

/** A captive portal or a moved page: 200 with HTML. */
function htmlServer(): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>'));
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/gbfs.json`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

function useSystems(value: string | undefined) {
  if (value === undefined) delete process.env.GBFS_SYSTEMS;
  else process.env.GBFS_SYSTEMS = value;
  resetConfig();
}

describe.each(DATABASE_KINDS)('a first run on %s', (kind) => {
  let appDb: AppTestDatabase;
  let sim: RunningSimulator;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    sim = await startSimulator({ variant: 'velib', stations: 30, seed: 5, startTime: Math.floor(Date.now() / 1000) - 3600, stepSeconds: 300, realTimeCap: true });
    appDb = await pointAppAtTestDatabase(kind, 'first_run');
  });
  afterEach(() => useSystems(undefined));
  afterAll(async () => {
    await appDb.release();
    await sim?.close();
  });

  it("names, zones and frames the built-in Vélib' before any poll, and says no attempt was made yet", async () => {
    useSystems(undefined);
    const [velib] = await systems();
    expect(velib).toMatchObject({
      id: 'velib',
      name: "Vélib' Métropole",
      timezone: 'Europe/Paris',
      stations: 0,
      lastPoll: null,
      lastDay: null,
      lastAttempt: null,
      pollIntervalSeconds: 60,
    });
    const [west, south, east, north] = velib.bounds!;
    // Notre-Dame de Paris is inside the frame; the map opens on Paris.
    expect(west < 2.35 && east > 2.35 && south < 48.853 && north > 48.853).toBe(true);
    expect(velib.center!.lat).toBeCloseTo(48.86, 1);
  });

  it('a feed nobody answers at: the poll fails and /api/systems says why', async () => {
    const port = await freePort();
    useSystems(`nowhere=http://127.0.0.1:${port}/gbfs.json`);
    const response = await cron();
    expect(response.status).toBe(502);
    const reason = `127.0.0.1:${port} refused the connection (is the feed's server running?)`;
    expect((await response.json()).runs[0]).toMatchObject({ status: 'failed', failureKind: 'network', reason });
    const [nowhere] = await systems();
    expect(nowhere).toMatchObject({ id: 'nowhere', name: 'nowhere', timezone: 'UTC', lastPoll: null, lastAttempt: { status: 'failed', error: reason } });
    expect(Date.parse(nowhere.lastAttempt!.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a feed that answers HTML: "not GBFS", with what came instead', async () => {
    const html = await htmlServer();
    try {
      useSystems(`portal=${html.url}`);
      expect((await cron()).status).toBe(502);
      const [portal] = await systems();
      expect(portal.lastAttempt).toMatchObject({ status: 'failed', error: expect.stringMatching(/^not GBFS: gbfs: got HTML\/XML, expected JSON/) });
    } finally {
      await html.close();
    }
  });

  it('station_status failing after system_information was read: the system is named and zoned all the same', async () => {
    useSystems(`paris=${sim.gbfsUrl}`);
    sim.setFault({ feed: 'station_status', kind: 'http500', times: 1 });
    expect((await cron()).status).toBe(502);
    const [paris] = await systems();
    expect(paris).toMatchObject({ id: 'paris', timezone: 'Europe/Paris', lastPoll: null, lastAttempt: { status: 'failed', error: `HTTP 500 from ${new URL(sim.url).host}` } });
    expect(paris.name).not.toBe('paris');
  });

  it('the feed back: the attempt is ok, with no error, and the poll is stored', async () => {
    useSystems(`paris=${sim.gbfsUrl}`);
    expect((await cron()).status).toBe(200);
    const [paris] = await systems();
    expect(paris).toMatchObject({ stations: 30, lastAttempt: { status: 'ok', error: null } });
    expect(paris.lastPoll).not.toBeNull();
  });
});
