/**
 * Hostile callers of the cron route: every way of not holding the secret gets the same 401,
 * byte for byte, and never starts a poll (the feed is not even fetched).
 */
import { resetConfig } from '@/lib/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { checkBearerToken } from '@/lib/api/bearerToken';
import { startSimulator, type RunningSimulator } from '@/simulator';

// timingSafeEqual itself, watched: every comparison must go through it (see the last tests).
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const compared = vi.mocked(timingSafeEqual);

const SECRET = 'Hostile-Test-Secret-7f3a9c';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Headers of callers without the right `Authorization: Bearer <secret>`. */
const WITHOUT_SECRET: Array<[string, Record<string, string>]> = [
  ['no Authorization header', {}],
  ['an empty header', { authorization: '' }],
  ['a wrong secret of the same length', { authorization: `Bearer ${SECRET.replace(/.$/, 'X')}` }],
  ['a longer secret (the right one plus a character)', { authorization: `Bearer ${SECRET}x` }],
  ['a shorter secret (a prefix of the right one)', { authorization: `Bearer ${SECRET.slice(0, -1)}` }],
  ['a one-character secret', { authorization: 'Bearer a' }],
  ['a 16 KiB secret', { authorization: `Bearer ${'A'.repeat(16_384)}` }],
  ['the secret without "Bearer "', { authorization: SECRET }],
  ['the secret with another scheme', { authorization: `Token ${SECRET}` }],
  ['the secret as Basic credentials', { authorization: basic('cron', SECRET) }],
  ['the secret twice', { authorization: `Bearer ${SECRET}${SECRET}` }],
  ['a wrong secret and then the right one', { authorization: `Bearer wrong, Bearer ${SECRET}` }],
  ['Latin-1 characters', { authorization: 'Bearer Vélib-ÿ' }],
  ['the secret in a cookie', { cookie: `CRON_SECRET=${SECRET}; secret=${SECRET}` }],
  ['the secret in X-Cron-Secret', { 'x-cron-secret': SECRET }],
];

/** Query strings that carry the secret where it is not looked for. */
const SECRET_IN_QUERY = [
  `?secret=${SECRET}`,
  `?token=${SECRET}`,
  `?CRON_SECRET=${SECRET}`,
  `?authorization=${encodeURIComponent(`Bearer ${SECRET}`)}`,
  `?access_token=${SECRET}&system=paris`,
];

describe('the cron route against callers without the secret', () => {
  let sim: RunningSimulator;
  let dataDir: string;
  let reference: { body: string; headers: Array<[string, string]> };

  const call = async (query: string, headers: Record<string, string>) => {
    const response = await cronRoute(new Request(`http://localhost/api/cron/ingest${query}`, { headers }));
    return { status: response.status, body: await response.text(), headers: [...response.headers] };
  };

  beforeAll(async () => {
    sim = await startSimulator({ variant: 'velib', stations: 20, seed: 2 });
    process.env.LOG_LEVEL = 'silent';
    process.env.CRON_SECRET = SECRET;
    process.env.GBFS_SYSTEMS = `paris=${sim.gbfsUrl}`;
    // Were a call let through, it would open this embedded database and fetch the simulator.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-hostile-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    resetConfig();
    const { status, body, headers } = await call('', {});
    expect(status).toBe(401);
    reference = { body, headers };
  });
  afterAll(async () => {
    await sim?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the documented 401 body', () => {
    expect(JSON.parse(reference.body)).toEqual({ error: { code: 'unauthorized', message: 'Authorization: Bearer <CRON_SECRET> required' } });
    expect(Object.fromEntries(reference.headers)).toEqual({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  });

  it.each(WITHOUT_SECRET)('%s: 401, the same body and headers', async (_name, headers) => {
    expect(await call('', headers)).toEqual({ status: 401, ...reference });
  });

  it.each(SECRET_IN_QUERY)('the secret in the query string (%s): 401, the same body and headers', async (query) => {
    expect(await call(query, {})).toEqual({ status: 401, ...reference });
  });

  it('compared every presented secret in constant time: one timingSafeEqual of two SHA-256 digests per call', async () => {
    compared.mockClear();
    for (const [, headers] of WITHOUT_SECRET) await call('', headers);
    expect(compared).toHaveBeenCalledTimes(WITHOUT_SECRET.length);
    for (const [a, b] of compared.mock.calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
  });

  it('started no poll: the feed was never fetched and no database was created', () => {
    expect(sim.requests()).toBe(0);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe('checkBearerToken', () => {
  it('accepts exactly "Bearer <secret>"', () => {
    expect(checkBearerToken(`Bearer ${SECRET}`, SECRET)).toBe('ok');
    for (const [, headers] of WITHOUT_SECRET) expect(checkBearerToken(headers.authorization ?? null, SECRET)).toBe('denied');
  });

  it('is disabled, not open, without a configured secret', () => {
    expect(checkBearerToken('Bearer ', '')).toBe('not_configured');
    expect(checkBearerToken('Bearer undefined', undefined)).toBe('not_configured');
  });

  // No timing measurement here (a shared 2-core machine makes one meaningless): constant time is by
  // construction, both sides hashed to 32 bytes and compared with crypto.timingSafeEqual. These show
  // that every input, whatever its length or content, takes that path and nothing decides before it.
  it('compares inputs of any length without throwing', () => {
    for (const length of [0, 1, SECRET.length - 1, SECRET.length, SECRET.length + 1, 100_000]) {
      expect(checkBearerToken(`Bearer ${'z'.repeat(length)}`, SECRET)).toBe('denied');
    }
  });

  it('never short-circuits on length: a wrong secret of any length is one timingSafeEqual of equal-length digests', () => {
    const headers = [null, '', 'Bearer a', `Bearer ${SECRET.slice(0, -1)}`, `Bearer ${SECRET}x`, `Bearer ${'A'.repeat(16_384)}`, SECRET, `Bearer ${SECRET.replace(/.$/, 'X')}`];
    for (const header of headers) {
      compared.mockClear();
      expect(checkBearerToken(header, SECRET)).toBe('denied');
      expect(compared).toHaveBeenCalledTimes(1);
      const [presented, expected] = compared.mock.calls[0];
      expect(presented.byteLength).toBe(32);
      expect(expected.byteLength).toBe(32);
      expect(compared.mock.results[0]).toEqual({ type: 'return', value: false });
    }
    compared.mockClear();
    expect(checkBearerToken(`Bearer ${SECRET}`, SECRET)).toBe('ok');
    expect(compared.mock.results).toEqual([{ type: 'return', value: true }]);
  });

  it('compares nothing while no secret is configured (the route is disabled, not open)', () => {
    compared.mockClear();
    expect(checkBearerToken(`Bearer ${SECRET}`, undefined)).toBe('not_configured');
    expect(compared).not.toHaveBeenCalled();
  });
});
