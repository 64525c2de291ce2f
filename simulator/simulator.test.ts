import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from './simulator';
import type { RunningSimulator, SimulatorOptions } from './types';

const START = Date.parse('2025-10-14T06:00:00Z') / 1000;
const running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ stations: 200, seed: 7, startTime: START, ...options });
  running.push(sim);
  return sim;
}

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.text();
}

/** The feed time of a station_status in any dialect. */
async function statusTime(sim: RunningSimulator): Promise<number> {
  const doc = JSON.parse(await text(`${sim.url}/station_status.json`)) as { last_updated?: number | string; lastUpdatedOther?: number };
  const t = doc.lastUpdatedOther ?? doc.last_updated;
  return typeof t === 'string' ? Date.parse(t) / 1000 : (t as number);
}

describe('startSimulator over HTTP', () => {
  it('serves byte-identical feeds for the same seed and different ones for another seed', async () => {
    const [a, b, c] = await Promise.all([start(), start(), start({ seed: 8 })]);
    for (const feed of ['station_information', 'station_status', 'station_status', 'system_information']) {
      const [ta, tb, tc] = await Promise.all([a, b, c].map((sim) => text(`${sim.url}/${feed}.json`)));
      expect(ta).toBe(tb);
      // The system description does not depend on the seed.
      if (feed !== 'system_information') expect(ta).not.toBe(tc);
    }
  });

  it('lists absolute URLs of its own address in gbfs.json, and every listed feed answers', async () => {
    for (const variant of ['velib', 'v2', 'v3'] as const) {
      const sim = await start({ variant });
      expect(sim.gbfsUrl).toBe(`${sim.url}/gbfs.json`);
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const gbfs = JSON.parse(await text(sim.gbfsUrl)) as { data: { feeds?: { url: string }[]; en?: { feeds: { url: string }[] } } };
      const feeds = gbfs.data.feeds ?? gbfs.data.en?.feeds ?? [];
      expect(feeds.length).toBeGreaterThanOrEqual(4);
      for (const feed of feeds) {
        expect(feed.url.startsWith(`${sim.url}/`)).toBe(true);
        const res = await fetch(feed.url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        await res.arrayBuffer();
      }
      expect((await fetch(`${sim.url}/nope.json`)).status).toBe(404);
    }
  });

  it('advances the clock once per station_status request and on nothing else', async () => {
    const sim = await start({ stepSeconds: 60 });
    expect(sim.now()).toBe(START);
    await text(`${sim.url}/station_information.json`);
    await text(sim.gbfsUrl);
    expect((await fetch(`${sim.url}/station_status.json`, { method: 'HEAD' })).status).toBe(200);
    expect(sim.now()).toBe(START);
    expect(await statusTime(sim)).toBe(START);
    expect(await statusTime(sim)).toBe(START + 60);
    const info = JSON.parse(await text(`${sim.url}/station_information.json`)) as { lastUpdatedOther: number };
    expect(info.lastUpdatedOther).toBe(START + 60);
    expect(await statusTime(sim)).toBe(START + 120);
    expect(sim.now()).toBe(START + 120);
    expect(sim.requests('station_status')).toBe(4);
    expect(sim.requests('station_information')).toBe(2);
    expect(sim.requests()).toBe(7);
  });

  it('with realTimeCap runs fast up to the wall clock and then repeats the same feed time', async () => {
    const wallStep = Math.floor(Date.now() / 1000 / 60) * 60;
    const sim = await start({ variant: 'v3', startTime: wallStep - 180, realTimeCap: true });
    const times: number[] = [];
    for (let i = 0; i < 8; i++) times.push(await statusTime(sim));
    const wallNow = Math.floor(Date.now() / 1000 / 60) * 60;
    expect(times.slice(0, 4)).toEqual([wallStep - 180, wallStep - 120, wallStep - 60, wallStep]);
    expect(Math.max(...times)).toBeLessThanOrEqual(wallNow);
    // Repeated polls within one minute: the same time (at most one minute boundary may pass).
    expect(new Set(times.slice(3)).size).toBeLessThanOrEqual(2);
  });

  // The client would wait minutes for an answer (undici's own header timeout): a close() that
  // waited for the hung request would outlast the test's timeout, the only clock here.
  it('close() does not wait for a hung request: it ends it', { timeout: 20_000 }, async () => {
    const sim = await startSimulator({ stations: 50, seed: 1 });
    sim.setFault({ feed: 'any', kind: 'hang' });
    const pending = fetch(`${sim.url}/station_status.json`).then(
      () => 'answered',
      () => 'failed',
    );
    while (sim.requests('station_status') === 0) await new Promise((r) => setTimeout(r, 10));
    expect(sim.requests('station_status')).toBe(1);
    await sim.close();
    expect(await pending).toBe('failed');
  });
});
