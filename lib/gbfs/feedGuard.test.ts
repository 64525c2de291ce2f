/**
 * The address guard of `systems add`: each refusal, with the sentence the person adding a feed
 * reads, and the redirects it follows. A local server stands in for the Internet: the tests give
 * the guard a rule under which 127.0.0.1 counts as public and a resolver for invented names.
 */
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedGuard, describeRefusedRange, FeedRefusedError, refusalOfAddress, type FeedGuard } from './feedGuard';
import { fetchDocument, type FetchPolicy } from './http';

describe('refusalOfAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusalOfAddress(address)).toBe(range);
  });

  it.each(['1.1.1.1', '151.101.1.1', '172.32.0.1', '2606:4700:4700::1111'])('lets the public address %s through', (address) => {
    expect(refusalOfAddress(address)).toBeNull();
  });
});

describe('describeRefusedRange', () => {
  it.each([
    ['unspecified', 'an unspecified address'],
    ['linkLocal', 'a link-local (cloud metadata) address'],
    ['carrierGradeNat', 'a carrier-grade NAT address'],
    ['uniqueLocal', 'a unique-local address'],
    ['loopback', 'a loopback address'],
    ['amt', 'an AMT relay address'],
    ['someFutureRange', 'a some future range address'],
    ['otherRange', 'an other range address'],
  ])('words %s as "%s"', (range, words) => {
    expect(describeRefusedRange(range)).toBe(words);
  });
});

describe('the URL check', () => {
  const guard = createFeedGuard({ allowPrivate: false });
  it.each([
    ['ftp://example.com/gbfs.json', 'only http and https feeds are read, not ftp'],
    ['file:///etc/passwd', 'only http and https feeds are read, not file'],
    ['gopher://example.com/', 'only http and https feeds are read, not gopher'],
    ['https://user:secret@example.com/gbfs.json', 'must not carry a user name or password'],
    ['not a url', 'is not a URL'],
    ['http://127.0.0.1:3000/gbfs.json', '127.0.0.1 is a loopback address; set ALLOW_PRIVATE_FEEDS=1'],
    ['http://[::1]/gbfs.json', '[::1] is a loopback address'],
    ['http://localhost:8080/gbfs.json', 'localhost is a loopback address'],
    ['http://feeds.localhost/gbfs.json', 'feeds.localhost is a loopback address'],
    ['http://10.0.0.7/gbfs.json', '10.0.0.7 is a private address'],
    ['http://192.168.0.10/gbfs.json', '192.168.0.10 is a private address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local (cloud metadata) address'],
    ['http://[fd00:ec2::254]/', 'is a unique-local address'],
    ['http://[::ffff:7f00:1]/gbfs.json', 'is a loopback address'],
    ['http://0.0.0.0/gbfs.json', '0.0.0.0 is an unspecified address'],
    ['http://100.64.0.1/gbfs.json', '100.64.0.1 is a carrier-grade NAT address'],
    ['http://224.0.0.1/gbfs.json', '224.0.0.1 is a multicast address'],
    // WHATWG URL parsing turns these spellings into 127.0.0.1 before the guard sees them.
    ['http://2130706433/gbfs.json', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/gbfs.json', '127.0.0.1 is a loopback address'],
  ])('refuses %s', (url, message) => {
    expect(() => guard.check(url)).toThrow(FeedRefusedError);
    expect(() => guard.check(url)).toThrow(message);
  });

  it('lets public names and addresses through, and everything with ALLOW_PRIVATE_FEEDS', () => {
    expect(() => guard.check('https://gbfs.example.com/gbfs.json')).not.toThrow();
    expect(() => guard.check('http://1.1.1.1/gbfs.json')).not.toThrow();
    expect(() => createFeedGuard({ allowPrivate: true }).check('http://127.0.0.1:3000/gbfs.json')).not.toThrow();
  });
});

describe('fetching through the guard', () => {
  let server: http.Server;
  let port = 0;
  let requests: string[] = [];
  const feed = JSON.stringify({ data: { ok: true } });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const hops = /^\/hop\/(\d+)\/(.+)$/.exec(req.url ?? '');
      if (hops) {
        const left = Number(hops[1]);
        const target = decodeURIComponent(hops[2]);
        res.writeHead(302, { location: left > 1 ? `/hop/${left - 1}/${encodeURIComponent(target)}` : target }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(feed);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** 127.0.0.1 plays a public address; public.test resolves to it, inside.test to a private one. */
  const testGuard = (): FeedGuard =>
    createFeedGuard({
      allowPrivate: false,
      refusal: (address) => (address === '127.0.0.1' ? null : refusalOfAddress(address)),
      resolve: async (hostname) => {
        if (hostname === 'public.test') return [{ address: '127.0.0.1', family: 4 }];
        if (hostname === 'inside.test') return [{ address: '10.0.0.1', family: 4 }];
        if (hostname === 'both.test') return [{ address: '127.0.0.1', family: 4 }, { address: '192.168.1.1', family: 4 }];
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      },
    });
  const policy = (guard: FeedGuard): FetchPolicy => ({ timeoutMs: 2000, maxBytes: 1 << 20, retries: 2, backoffMs: 1, guard });
  const fetchThrough = (url: string) => fetchDocument(url, policy(testGuard()));
  const at = (host: string, path = '/gbfs.json') => `http://${host}:${port}${path}`;

  it('reads a feed whose name resolves to an allowed address', async () => {
    expect((await fetchThrough(at('public.test'))).text).toBe(feed);
  });

  it('refuses a name that resolves to a private address, before any byte is sent, and does not retry', async () => {
    requests = [];
    await expect(fetchThrough(at('inside.test'))).rejects.toThrow('inside.test resolves to 10.0.0.1, a private address; set ALLOW_PRIVATE_FEEDS=1');
    await expect(fetchThrough(at('both.test'))).rejects.toThrow('both.test resolves to 192.168.1.1, a private address');
    expect(requests).toEqual([]);
  });

  it('follows up to 3 redirects, and refuses a 4th', async () => {
    const target = encodeURIComponent(at('public.test'));
    expect((await fetchThrough(at('public.test', `/hop/3/${target}`))).text).toBe(feed);
    await expect(fetchThrough(at('public.test', `/hop/4/${target}`))).rejects.toThrow('more than 3 redirects');
  });

  it('checks every hop: a redirect to a private, loopback, metadata or non-http address is refused', async () => {
    for (const [target, message] of [
      [at('inside.test'), 'inside.test resolves to 10.0.0.1, a private address'],
      [`http://127.0.0.2:${port}/gbfs.json`, '127.0.0.2 is a loopback address'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local (cloud metadata) address'],
      ['file:///etc/passwd', 'only http and https feeds are read, not file'],
    ]) {
      requests = [];
      await expect(fetchThrough(at('public.test', `/hop/1/${encodeURIComponent(target)}`)), target).rejects.toThrow(message);
      expect(requests, target).toHaveLength(1);
    }
  });

  it('keeps the size limit', async () => {
    await expect(fetchDocument(at('public.test'), { ...policy(testGuard()), maxBytes: 4 })).rejects.toThrow('exceeds the 4-byte cap');
  });
});
