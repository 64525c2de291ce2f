import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeFeedText, fetchDocument, FeedHttpError } from './http';
import { startSimulator, type RunningSimulator } from '@/simulator';
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

describe('decodeFeedText', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);

  it('reads UTF-8', () => {
    expect(decodeFeedText(Buffer.from('{"name":"Vélib\' – Gare de l’Est"}', 'utf8'))).toBe('{"name":"Vélib\' – Gare de l’Est"}');
  });

  it('reads a document with no UTF-8 sequence at all as Latin-1 (Windows-1252)', () => {
    // "Vélib' – Œuvre" in Windows-1252: é = E9, – = 96, Œ = 8C.
    expect(decodeFeedText(bytes(0x56, 0xe9, 0x6c, 0x69, 0x62, 0x27, 0x20, 0x96, 0x20, 0x8c, 0x75, 0x76, 0x72, 0x65))).toBe("Vélib' – Œuvre");
  });

  it('keeps U+FFFD for a stray byte in an otherwise UTF-8 document', () => {
    // "é" in UTF-8 (C3 A9), then a lone Latin-1 "é" (E9).
    expect(decodeFeedText(bytes(0xc3, 0xa9, 0x20, 0xe9))).toBe('é \ufffd');
  });

  it('does not take a lead byte at the very end for a UTF-8 sequence', () => {
    expect(decodeFeedText(bytes(0x61, 0xc3))).toBe('aÃ');
  });
});
