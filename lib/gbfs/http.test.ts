import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchDocument, FeedHttpError } from './http';
import { startSimulator, type RunningSimulator } from '@/lib/simulator';
import { USER_AGENT } from '@/lib/config';

const policy = { timeoutMs: 500, maxBytes: 2_000_000, retries: 2, backoffMs: 10 };

describe('fetchDocument', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ variant: 'velib', stations: 20, seed: 1, startTime: 1_750_000_000 });
  });
  afterAll(() => sim.close());
  const url = () => `${sim.url}/station_status.json`;

  it('retries a 500 and returns the next good answer', async () => {
    sim.setFault({ feed: 'station_status', kind: 'http500', times: 2 });
    const before = sim.requests('station_status');
    const document = await fetchDocument(url(), policy);
    expect(document.status).toBe(200);
    expect(sim.requests('station_status') - before).toBe(3);
  });

  it('gives up after the retries with the HTTP status', async () => {
    sim.setFault({ feed: 'station_status', kind: 'http500', times: 3 });
    await expect(fetchDocument(url(), policy)).rejects.toMatchObject({ name: 'FeedHttpError', status: 500 });
  });

  it('waits for a short Retry-After on 429, and refuses a long one', async () => {
    sim.setFault({ feed: 'station_status', kind: 'http429', retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    expect((await fetchDocument(url(), policy)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    sim.setFault({ feed: 'station_status', kind: 'http429', retryAfterSeconds: 3600, times: 1 });
    await expect(fetchDocument(url(), policy)).rejects.toThrow(/Retry-After 3600 s is longer than we wait/);
  });

  it('times out a server that never answers', async () => {
    sim.setFault({ feed: 'station_status', kind: 'hang', times: 3 });
    await expect(fetchDocument(url(), { ...policy, retries: 0 })).rejects.toThrow(/no answer within 500 ms/);
    sim.setFault(null);
  });

  it('stops reading a body over the size cap', async () => {
    sim.setFault({ feed: 'station_status', kind: 'huge', hugeBytes: 5_000_000, times: 1 });
    await expect(fetchDocument(url(), policy)).rejects.toThrow(/exceeds the 2000000-byte cap/);
  });

  it('reports a 404 without retrying', async () => {
    sim.setFault({ feed: 'station_status', kind: 'http404', times: 1 });
    const before = sim.requests('station_status');
    const error = await fetchDocument(url(), policy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedHttpError);
    expect((error as FeedHttpError).status).toBe(404);
    expect(sim.requests('station_status') - before).toBe(1);
  });

  it('names the app in its User-Agent', async () => {
    let seen: string | undefined;
    const server = http.createServer((request, response) => {
      seen = request.headers['user-agent'];
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await fetchDocument(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, policy);
      expect(seen).toBe(USER_AGENT);
    } finally {
      server.close();
    }
  });
});
