import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './simulator';
import type { Fault, RunningSimulator } from './types';

const START = Date.parse('2025-10-14T06:00:00Z') / 1000;
const STEP = 60;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ stations: 200, seed: 3, startTime: START, stepSeconds: STEP });
});
afterAll(() => sim.close());
beforeEach(() => sim.setFault(null));

interface VelibDoc {
  lastUpdatedOther: number;
  data: { stations: { station_id: number; lat: number; lon: number; num_bikes_available: number; num_docks_available: number; last_reported: number }[] };
}

async function get(feed: string, init?: RequestInit): Promise<Response> {
  return fetch(`${sim.url}/${feed}.json`, init);
}
async function getDoc(feed: string): Promise<VelibDoc> {
  const res = await get(feed);
  expect(res.status).toBe(200);
  return (await res.json()) as VelibDoc;
}
function withFault(fault: Fault): void {
  sim.setFault(fault);
}

describe('faults over HTTP', () => {
  it('http500 / http429 / http404 answer with the status (and Retry-After) without moving the clock', async () => {
    const before = sim.now();
    withFault({ feed: 'station_status', kind: 'http500', retryAfterSeconds: 5 });
    let res = await get('station_status');
    expect([res.status, res.headers.get('retry-after')]).toEqual([500, '5']);
    withFault({ feed: 'station_status', kind: 'http429' });
    res = await get('station_status');
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '30']);
    withFault({ feed: 'any', kind: 'http404' });
    expect((await get('gbfs')).status).toBe(404);
    expect(sim.now()).toBe(before);
  });

  it('hang keeps the request open until the client gives up', async () => {
    withFault({ feed: 'station_status', kind: 'hang', times: 1 });
    const before = sim.now();
    const error = await get('station_status', { signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TimeoutError');
    expect(sim.now()).toBe(before);
  });

  it('truncated, invalid_json and wrong_shape are 200s that do not parse as the feed, and keep the clock', async () => {
    const before = sim.now();
    withFault({ feed: 'station_status', kind: 'truncated' });
    const truncated = await (await get('station_status')).text();
    expect(truncated.startsWith('{"lastUpdatedOther":')).toBe(true);
    expect(() => JSON.parse(truncated)).toThrow();

    withFault({ feed: 'station_status', kind: 'invalid_json' });
    const res = await get('station_status');
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    const html = await res.text();
    expect(html.startsWith('<html>')).toBe(true);
    expect(() => JSON.parse(html)).toThrow();

    withFault({ feed: 'station_status', kind: 'wrong_shape' });
    const wrong = (await (await get('station_status')).json()) as { data: { stations: unknown } };
    expect(Array.isArray(wrong.data.stations)).toBe(false);
    expect(sim.now()).toBe(before);
  });

  it('huge streams a valid document of more than 60 MB', async () => {
    withFault({ feed: 'station_status', kind: 'huge', times: 1 });
    const res = await get('station_status');
    expect(res.headers.get('content-length')).toBeNull();
    const body = await res.text();
    expect(body.length).toBeGreaterThan(60_000_000);
    const doc = JSON.parse(body) as VelibDoc & { padding: string };
    expect(doc.data.stations).toHaveLength(200);
  });

  it('stale returns a feed time older than the previous one', async () => {
    const previous = (await getDoc('station_status')).lastUpdatedOther;
    withFault({ feed: 'station_status', kind: 'stale', times: 1 });
    expect((await getDoc('station_status')).lastUpdatedOther).toBeLessThan(previous);
    expect((await getDoc('station_status')).lastUpdatedOther).toBe(previous + STEP);
  });

  it('content faults are valid documents with bad rows, and do move the clock', async () => {
    const info = await getDoc('station_information');
    const known = new Set(info.data.stations.map((s) => s.station_id));
    const check = async (kind: Fault['kind'], expectation: (doc: VelibDoc) => void, feed = 'station_status') => {
      withFault({ feed: 'any', kind, times: 1 });
      const before = sim.now();
      const doc = await getDoc(feed);
      expectation(doc);
      if (feed === 'station_status') expect(doc.lastUpdatedOther).toBe(before + STEP);
    };
    await check('duplicate_ids', (d) => {
      const ids = d.data.stations.map((s) => s.station_id);
      expect(new Set(ids).size).toBeLessThan(ids.length);
    });
    await check(
      'duplicate_ids',
      (d) => expect(new Set(d.data.stations.map((s) => s.station_id)).size).toBeLessThan(d.data.stations.length),
      'station_information',
    );
    await check(
      'bad_coordinates',
      (d) => expect(d.data.stations.some((s) => (s.lat === 0 && s.lon === 0) || Math.abs(s.lat) > 90)).toBe(true),
      'station_information',
    );
    await check('negative_counts', (d) =>
      expect(d.data.stations.some((s) => s.num_bikes_available < 0 || s.num_docks_available < 0)).toBe(true),
    );
    await check('future_last_reported', (d) =>
      expect(d.data.stations.some((s) => s.last_reported > d.lastUpdatedOther)).toBe(true),
    );
    await check('epoch_last_reported', (d) => expect(d.data.stations.some((s) => s.last_reported < 100_000)).toBe(true));
    await check('unknown_stations', (d) => expect(d.data.stations.some((s) => !known.has(s.station_id))).toBe(true));
    await check('empty_stations', (d) => expect(d.data.stations).toEqual([]));
  });

  it('latin1_names sends ISO-8859-1 bytes under a JSON content type', async () => {
    withFault({ feed: 'station_information', kind: 'latin1_names', times: 1 });
    const res = await get('station_information');
    expect(res.headers.get('content-type')).toBe('application/json');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const doc = JSON.parse(new TextDecoder('latin1').decode(bytes)) as { data: { stations: { name: string }[] } };
    expect(doc.data.stations.some((s) => /[éèÉ]/.test(s.name))).toBe(true);
  });

  it('times limits the fault, and requests it does not apply to do not use it up', async () => {
    withFault({ feed: 'any', kind: 'negative_counts', times: 1 });
    // Not applicable to station_information: served normally without using up the one use.
    expect((await getDoc('station_information')).data.stations).toHaveLength(200);
    const negative = (d: VelibDoc) => d.data.stations.some((s) => s.num_bikes_available < 0 || s.num_docks_available < 0);
    expect(negative(await getDoc('station_status'))).toBe(true);
    expect(negative(await getDoc('station_status'))).toBe(false);
    withFault({ feed: 'station_information', kind: 'http500', times: 2 });
    expect((await get('station_status')).status).toBe(200);
    expect((await get('station_information')).status).toBe(500);
    expect((await get('station_information')).status).toBe(500);
    expect((await get('station_information')).status).toBe(200);
  });
});
