/**
 * The answers /api/hotspots keeps in memory: a finished day (every hour of it before the newest
 * poll) is kept across polls and sent from bytes encoded once;
 * the day of the newest poll is answered anew after each poll; and a rebuild that changes a
 * finished day is never answered from what was kept before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as hotspotsRoute } from '@/app/api/hotspots/route';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { getDatabase } from '@/db/client';
import { resetConfig } from '@/lib/config';
import { rebuildRollups } from '@/lib/hotspots/rebuild';
import { hotspotsResponseSchema } from '@/lib/hotspots/schemas';
import { FRESH_FOR_MS } from '@/lib/systems/readState';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';

const STEP = 1800;
const MAX_GAP = 3600;
const START = Date.UTC(2025, 5, 3, 19, 0, 0) / 1000; // 21:00 in Paris, 3 June 2025
const DAY = '2025-06-03';
const SECRET = 'test-secret-0123456789';

const get = (url: string, headers: Record<string, string> = {}) => hotspotsRoute(new Request(`http://localhost${url}`, { headers }));
const cron = () => cronRoute(new Request('http://localhost/api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } }));
const answerOf = async (url: string) => {
  const response = await get(url);
  expect(response.status).toBe(200);
  return { text: await response.clone().text(), body: hotspotsResponseSchema.parse(await response.json()) };
};
/** What a kept answer says, without the instant it was computed at. */
const figures = (text: string) => JSON.stringify({ ...JSON.parse(text), generatedAt: null });
/** Another process's rebuild shows within FRESH_FOR_MS (this one's through the same window). */
const afterFreshness = () => new Promise((resolve) => setTimeout(resolve, FRESH_FOR_MS + 10));

describe.each(DATABASE_KINDS)('the hotspots answers kept in memory, on %s', (kind) => {
  let sim: RunningSimulator;
  let appDb: AppTestDatabase;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    sim = await startSimulator({ variant: 'velib', stations: 30, seed: 5, startTime: START, stepSeconds: STEP });
    process.env.GBFS_SYSTEMS = `paris=${sim.gbfsUrl}`;
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    process.env.MAX_GAP_SECONDS = String(MAX_GAP);
    appDb = await pointAppAtTestDatabase(kind, 'hotspots-cache');
    // 21:00 → 23:30 local: the day is still the newest poll's.
    for (let i = 0; i < 6; i++) expect((await cron()).status).toBe(200);
  });

  afterAll(async () => {
    await appDb.release();
    await sim?.close();
    delete process.env.MAX_GAP_SECONDS;
    resetConfig();
  });

  it('answers the day of the newest poll anew after each poll, and keeps the day once a poll of the next day landed', async () => {
    const open = await answerOf(`/api/hotspots?date=${DAY}`);
    expect(open.body.hexagons.length).toBeGreaterThan(0);

    // 00:00: the half hour from 23:30 is credited to the day, which is now finished.
    expect((await cron()).status).toBe(200);
    const finished = await answerOf(`/api/hotspots?date=${DAY}`);
    expect(figures(finished.text)).not.toBe(figures(open.text));

    // 00:30: the next day has an hour of rollups (`dataRange` says so); the day's figures stay.
    expect((await cron()).status).toBe(200);
    const named = await answerOf(`/api/hotspots?date=${DAY}`);
    expect(named.body.dataRange.lastDay).toBe('2025-06-04');
    expect(named.body.hexagons).toEqual(finished.body.hexagons);

    // 01:00: a poll that changes nothing of the finished day: the same answer, kept across it.
    expect((await cron()).status).toBe(200);
    const kept = await answerOf(`/api/hotspots?date=${DAY}`);
    expect(kept.text).toBe(named.text);
  });

  it('leaves compression to Next: a gzip of its own would reach the browser gzipped twice (Next 16 drops a route\'s Content-Encoding)', async () => {
    const zipped = await get(`/api/hotspots?date=${DAY}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(zipped.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(hotspotsResponseSchema.parse(JSON.parse(await zipped.text())).date).toBe(DAY);
  });

  it('answers a finished day from its new rollups after a rebuild changes them, never from what it kept', async () => {
    const before = await answerOf(`/api/hotspots?date=${DAY}`);
    expect(before.body.hexagons.length).toBeGreaterThan(0);
    const { db } = await getDatabase();

    // Rebuilt with a gap shorter than the polls' step: no time between two polls counts any more.
    await rebuildRollups(db, 'paris', STEP - 1);
    await afterFreshness();
    const rebuilt = await answerOf(`/api/hotspots?date=${DAY}`);
    expect(rebuilt.body.hexagons).toEqual([]);

    // Rebuilt as the polls built it: the day's figures are back.
    await rebuildRollups(db, 'paris', MAX_GAP);
    await afterFreshness();
    const again = await answerOf(`/api/hotspots?date=${DAY}`);
    expect(figures(again.text)).toBe(figures(before.text));
  });
});
