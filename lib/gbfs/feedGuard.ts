/**
 * The check on an address someone handed to the app (`systems add`, POST /api/systems): the one
 * place it fetches a URL it was given, so the one place it could be turned against the network it
 * runs in. Only http(s); no loopback, private, link-local (cloud metadata), unique-local, CGNAT,
 * multicast or reserved address, whether written in the URL or resolved from its name; the check
 * on resolved names runs when the socket connects, so a name cannot resolve to a public address
 * for the check and a private one for the connection. Redirects are followed by hand, each hop
 * checked again, at most MAX_FEED_REDIRECTS of them.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, type Dispatcher } from 'undici';

export const MAX_FEED_REDIRECTS = 3;

export class FeedRefusedError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'FeedRefusedError';
  }
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface FeedGuard {
  /** Refuses a URL whose scheme, credentials or literal address are not allowed. */
  check(url: string): void;
  /** Connects only to allowed addresses (every address a name resolves to must be allowed). */
  dispatcher: Dispatcher;
  maxRedirects: number;
}

/** Why an address may not be fetched ("loopback", "private", …), or null when it is public. */
export function refusalOfAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let parsed = ipaddr.parse(address);
  // ::ffff:127.0.0.1 reaches 127.0.0.1.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/**
 * How a refused range reads in a sentence, its article included: ipaddr.js names ranges in
 * camelCase ("linkLocal", "carrierGradeNat"), which a person adding a feed should not have to decode.
 */
const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local (cloud metadata) address',
  uniqueLocal: 'a unique-local address',
  unspecified: 'an unspecified address',
  carrierGradeNat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  ipv4Mapped: 'an IPv4-mapped address',
  rfc6145: 'an IPv4-translated (RFC 6145) address',
  rfc6052: 'an IPv4-embedded (RFC 6052) address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
  amt: 'an AMT relay address',
  as112: 'an AS112 address',
  as112v6: 'an AS112 address',
  discard: 'a discard-only address',
  orchid2: 'an ORCHIDv2 address',
  deprecatedOrchid: 'a deprecated ORCHID address',
  deprecatedSiteLocal: 'a deprecated site-local address',
  segmentRouting: 'a segment-routing address',
  droneRemoteIdProtocolEntityTags: 'a drone remote-ID address',
  'not an IP address': 'not an IP address',
};

/** "an unspecified address", "a link-local (cloud metadata) address": a refusal's words. */
export function describeRefusedRange(range: string): string {
  const known = RANGE_WORDS[range];
  if (known) return known;
  // A range a newer ipaddr.js adds: its camelCase name spread into words, with the right article.
  const words = range.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words} address`;
}

const defaultResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A literal address of a URL's host (brackets of IPv6 removed), or null for a name. */
function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

export interface FeedGuardOptions {
  /** ALLOW_PRIVATE_FEEDS: any address (the tests, the simulator, a feed on the LAN). */
  allowPrivate: boolean;
  resolve?: Resolver;
  /** Overrides the address rule (tests reach a local server as if it were public). */
  refusal?: (address: string) => string | null;
}

export function createFeedGuard({ allowPrivate, resolve = defaultResolver, refusal = refusalOfAddress }: FeedGuardOptions): FeedGuard {
  const refusalOf = (address: string) => (allowPrivate ? null : refusal(address));

  const check = (url: string): void => {
    if (!URL.canParse(url)) throw new FeedRefusedError(`"${url}" is not a URL`, url);
    const { protocol, hostname, username, password } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') throw new FeedRefusedError(`only http and https feeds are read, not ${protocol.replace(':', '')}`, url);
    if (username || password) throw new FeedRefusedError('a feed URL must not carry a user name or password', url);
    const literal = literalAddress(hostname);
    const why = literal === null ? (!allowPrivate && /(^|\.)localhost$/i.test(hostname) ? 'loopback' : null) : refusalOf(literal);
    if (why) throw new FeedRefusedError(`${hostname} is ${describeRefusedRange(why)}; set ALLOW_PRIVATE_FEEDS=1 to read feeds inside this network`, url);
  };

  type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;
  const lookup = (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.map((a) => ({ ...a, why: refusalOf(a.address) })).find((a): a is LookupAddress & { why: string } => a.why !== null);
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
        if (refused) {
          return callback(new FeedRefusedError(`${hostname} resolves to ${refused.address}, ${describeRefusedRange(refused.why)}; set ALLOW_PRIVATE_FEEDS=1 to read feeds inside this network`, hostname), '');
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: Error) => callback(error, ''),
    );
  };

  return { check, dispatcher: new Agent({ connect: { lookup } }), maxRedirects: MAX_FEED_REDIRECTS };
}

/** The FeedRefusedError behind a failed fetch (undici wraps what the connect lookup threw). */
export function refusalBehind(error: unknown): FeedRefusedError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = (e as Error & { cause?: unknown }).cause, depth++) {
    if (e instanceof FeedRefusedError) return e;
  }
  return null;
}
