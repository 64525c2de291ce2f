/**
 * GET /api/metrics as Prometheus scrapes it, around polls made through the cron route: the counters
 * move as polls succeed and fail, the feed's age and the newest outcome come from the database (so
 * they survive a restart), the token guards the route when it is set, and no secret is ever shown.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { closeDatabase } from '@/db/client';
import { resetConfig } from '@/lib/config';
import { forgetProcessMetrics } from '@/lib/operations/metricsRegistry';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { freePort } from './support/freePort';
import { sampleOf } from './support/metricsText';

const CRON_SECRET = `cron-${randomBytes(12).toString('hex')}`;
const METRICS_TOKEN = `metrics-${randomBytes(12).toString('hex')}`;
/** Put in DATABASE_URL as the password; the test server trusts loopback connections and ignores it. */
const DB_PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
/** What the simulated Vélib' feed announces, as the real one does. */
const VELIB_TTL = 3600;

const cron = () => cronRoute(new Request('http://localhost/api/cron/ingest', { headers: { authorization: `Bearer ${CRON_SECRET}` } }));
const scrapeWith = (headers: Record<string, string> = {}) => metricsRoute(new Request('http://localhost/api/metrics', { headers }));

async function scrape(headers: Record<string, string> = {}): Promise<string> {
  const response = await scrapeWith(headers);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return response.text();
}

const polls = (body: string, outcome: string, reason = '') => sampleOf(body, 'gbfs_hotspots_polls_total', { system: 'paris', outcome, reason }) ?? 0;

function setEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  resetConfig();
}

describe.each(DATABASE_KINDS)('GET /api/metrics on %s', (kind) => {
  let sim: RunningSimulator;
  let appDb: AppTestDatabase;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    process.env.CRON_SECRET = CRON_SECRET;
    process.env.FETCH_RETRIES = '0';
    delete process.env.METRICS_TOKEN;
    sim = await startSimulator({ variant: 'velib', stations: 30, seed: 8, startTime: Math.floor(Date.now() / 1000) - 3600, stepSeconds: 300, realTimeCap: true });
    process.env.GBFS_SYSTEMS = `paris=${sim.gbfsUrl}`;
    appDb = await pointAppAtTestDatabase(kind, 'metrics', { password: DB_PASSWORD });
    forgetProcessMetrics();
  });

  afterAll(async () => {
    await appDb.release();
    await sim?.close();
    delete process.env.GBFS_SYSTEMS;
    setEnv('METRICS_TOKEN', undefined);
  });

  it('lists the metrics before any poll: no feed age yet, the database up, the default process metrics', async () => {
    // The routes run in this process: its CPU so far is what a fresh server's first scrape must count.
    const usedBefore = process.cpuUsage();
    const body = await scrape();
    expect(body).toContain('# TYPE gbfs_hotspots_polls_total counter');
    expect(body).toContain('# TYPE gbfs_hotspots_poll_duration_seconds histogram');
    expect(body).toContain('# TYPE gbfs_hotspots_feed_age_seconds gauge');
    expect(body).toContain('# TYPE gbfs_hotspots_http_request_duration_seconds histogram');
    expect(sampleOf(body, 'gbfs_hotspots_feed_age_seconds', { system: 'paris' })).toBeUndefined();
    expect(sampleOf(body, 'gbfs_hotspots_database_up')).toBe(1);
    expect(sampleOf(body, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(usedBefore.user / 1e6);
    expect(sampleOf(body, 'process_cpu_seconds_total')).toBeGreaterThanOrEqual((usedBefore.user + usedBefore.system) / 1e6);
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('scrape, poll, scrape again: the ok count, rows, duration, ttl and feed age move', async () => {
    const before = await scrape();
    const response = await cron();
    expect(response.status).toBe(200);
    const [run] = (await response.json()).runs;
    const after = await scrape();

    expect(polls(after, 'ok') - polls(before, 'ok')).toBe(1);
    expect(polls(after, 'failed', 'http')).toBe(0);
    expect(sampleOf(after, 'gbfs_hotspots_rows_written_total', { system: 'paris', kind: 'raw' })).toBe(run.rowsWritten);
    expect(run.rowsWritten).toBeGreaterThan(0);
    expect(sampleOf(after, 'gbfs_hotspots_poll_duration_seconds_count', { system: 'paris' })).toBe(1);
    expect(sampleOf(after, 'gbfs_hotspots_feed_ttl_seconds', { system: 'paris' })).toBe(VELIB_TTL);
    const age = sampleOf(after, 'gbfs_hotspots_feed_age_seconds', { system: 'paris' })!;
    expect(age).toBeCloseTo(Date.now() / 1000 - Date.parse(run.feedTime) / 1000, -1);
    expect(sampleOf(after, 'gbfs_hotspots_last_poll_outcome', { system: 'paris', outcome: 'ok' })).toBe(1);
    expect(sampleOf(after, 'gbfs_hotspots_last_poll_outcome', { system: 'paris', outcome: 'failed' })).toBe(0);
    expect(sampleOf(after, 'gbfs_hotspots_last_successful_poll_timestamp_seconds', { system: 'paris' })).toBeGreaterThan(Date.now() / 1000 - 60);
    // The cron call and the first scrape went through the route boundary.
    expect(sampleOf(after, 'gbfs_hotspots_http_responses_total', { route: '/api/cron/ingest', method: 'GET', status_class: '2xx' })).toBe(1);
    expect(sampleOf(after, 'gbfs_hotspots_http_request_duration_seconds_count', { route: '/api/metrics', method: 'GET' })).toBeGreaterThanOrEqual(2);
  });

  it('a failing feed: the failed count moves under its reason class, and the newest outcome is failed', async () => {
    const before = await scrape();
    sim.setFault({ feed: 'station_status', kind: 'http500', times: 1 });
    expect((await cron()).status).toBe(502);
    sim.setFault({ feed: 'station_status', kind: 'invalid_json', times: 1 });
    expect((await cron()).status).toBe(502);
    const after = await scrape();

    expect(polls(after, 'failed', 'http') - polls(before, 'failed', 'http')).toBe(1);
    expect(polls(after, 'failed', 'parse') - polls(before, 'failed', 'parse')).toBe(1);
    expect(polls(after, 'ok')).toBe(polls(before, 'ok'));
    expect(sampleOf(after, 'gbfs_hotspots_last_poll_outcome', { system: 'paris', outcome: 'failed' })).toBe(1);
    expect(sampleOf(after, 'gbfs_hotspots_last_poll_outcome', { system: 'paris', outcome: 'ok' })).toBe(0);
    expect(sampleOf(after, 'gbfs_hotspots_http_responses_total', { route: '/api/cron/ingest', method: 'GET', status_class: '5xx' })).toBe(2);

    // The feed back: ok again.
    expect((await cron()).status).toBe(200);
    const back = await scrape();
    expect(polls(back, 'ok') - polls(after, 'ok')).toBe(1);
    expect(sampleOf(back, 'gbfs_hotspots_last_poll_outcome', { system: 'paris', outcome: 'ok' })).toBe(1);
  });

  it('a feed nobody answers at is an http failure, and is listed before its system has any stored row', async () => {
    const port = await freePort();
    setEnv('GBFS_SYSTEMS', `nowhere=http://127.0.0.1:${port}/gbfs.json`);
    try {
      expect((await cron()).status).toBe(502);
      const body = await scrape();
      expect(sampleOf(body, 'gbfs_hotspots_polls_total', { system: 'nowhere', outcome: 'failed', reason: 'http' })).toBe(1);
      expect(sampleOf(body, 'gbfs_hotspots_last_poll_outcome', { system: 'nowhere', outcome: 'failed' })).toBe(1);
      expect(sampleOf(body, 'gbfs_hotspots_feed_age_seconds', { system: 'nowhere' })).toBeUndefined();
    } finally {
      setEnv('GBFS_SYSTEMS', `paris=${sim.gbfsUrl}`);
    }
  });

  it('after a restart: the counters start again, the feed age and the newest outcome are read from the database', async () => {
    forgetProcessMetrics();
    await closeDatabase();
    const body = await scrape();
    expect(sampleOf(body, 'gbfs_hotspots_polls_total', { system: 'paris', outcome: 'ok', reason: '' })).toBeUndefined();
    expect(sampleOf(body, 'gbfs_hotspots_feed_age_seconds', { system: 'paris' })).toBeGreaterThanOrEqual(0);
    expect(sampleOf(body, 'gbfs_hotspots_last_poll_outcome', { system: 'paris', outcome: 'ok' })).toBe(1);
  });

  it('METRICS_TOKEN set: 401 without it or with any other secret, 200 with it', async () => {
    setEnv('METRICS_TOKEN', METRICS_TOKEN);
    try {
      const refused: Array<Record<string, string>> = [{}, { authorization: `Bearer ${CRON_SECRET}` }, { authorization: `Bearer ${METRICS_TOKEN}x` }, { authorization: METRICS_TOKEN }];
      for (const headers of refused) {
        const response = await scrapeWith(headers);
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Authorization: Bearer <METRICS_TOKEN> required' } });
      }
      expect(await scrape({ authorization: `Bearer ${METRICS_TOKEN}` })).toContain('gbfs_hotspots_feed_age_seconds');
    } finally {
      setEnv('METRICS_TOKEN', undefined);
    }
  });

  it('never shows a secret: not the cron secret, the token, the database URL or its password, the database down included', async () => {
    setEnv('METRICS_TOKEN', METRICS_TOKEN);
    const databaseUrl = process.env.DATABASE_URL;
    const secrets = [CRON_SECRET, METRICS_TOKEN, DB_PASSWORD, ...(databaseUrl ? [databaseUrl] : [])];
    /** The headers and the body of a scrape: everything a scraper sees. */
    const seen = async () => {
      const response = await scrapeWith({ authorization: `Bearer ${METRICS_TOKEN}` });
      const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      const body = await response.text();
      return { body, everything: `${headers}\n${body}` };
    };
    try {
      const up = await seen();
      for (const secret of secrets) expect(up.everything).not.toContain(secret);

      // A database nobody answers at: the scrape still answers, says so, and names no part of the URL.
      await closeDatabase();
      setEnv('DATABASE_URL', `postgres://gbfs:${DB_PASSWORD}@127.0.0.1:${await freePort()}/gbfs`);
      const down = await seen();
      expect(sampleOf(down.body, 'gbfs_hotspots_database_up')).toBe(0);
      expect(sampleOf(down.body, 'gbfs_hotspots_feed_age_seconds', { system: 'paris' })).toBeUndefined();
      for (const secret of [...secrets, process.env.DATABASE_URL!]) expect(down.everything).not.toContain(secret);
    } finally {
      await closeDatabase();
      setEnv('DATABASE_URL', databaseUrl);
      setEnv('METRICS_TOKEN', undefined);
    }
  });
});
