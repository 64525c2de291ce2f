/**
 * The HTTP side shared by the synthetic simulator and the replay server: routing, request
 * counts, fault delivery, and a close() that never waits on a hung client.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultSlot, NO_DOCUMENT_KINDS, isContentFault, momentFor, type Moment } from './faults';
import { FEED_NAMES, type Fault, type FaultKind, type FeedName, type RunningSimulator } from './types';

export interface DocumentRequest {
  moment: Moment;
  /** A content fault to apply to the rows, or null. */
  contentFault: FaultKind | null;
  /** Absolute base for the URLs inside gbfs.json. */
  baseUrl: string;
}

/** Where documents come from: the synthetic city or a folder of recordings. */
export interface FeedSource {
  readonly feeds: readonly FeedName[];
  /** Whether content faults (duplicate ids, bad coordinates...) can be applied to its documents. */
  readonly contentFaults: boolean;
  now(): number;
  body(feed: FeedName, request: DocumentRequest): Promise<Buffer>;
}

export interface ListenOptions {
  port?: number;
  host?: string;
}

const JSON_UTF8 = 'application/json; charset=utf-8';
const DEFAULT_HUGE_BYTES = 60_000_000;
const DEFAULT_RETRY_AFTER_SECONDS = 30;
const PAD_CHUNK = Buffer.alloc(1 << 20, 'x');
/** What a misconfigured proxy sends in place of the feed, with a JSON content type. */
const NOT_JSON = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n';
/** Valid JSON that matches no GBFS file: no feeds, no name/timezone, stations is not a list. */
const WRONG_SHAPE = '{"ttl":60,"data":{"stations":{"error":"maintenance in progress"}}}';

export async function serveFeeds(source: FeedSource, options: ListenOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const counts = new Map<string, number>();
  const faults = new FaultSlot();
  let total = 0;
  let port = 0;

  const server = createServer((req, res) => {
    total += 1;
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `simulator error: ${String(error)}\n`);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const feed = feedOf(req.url ?? '/');
    if (!feed || !source.feeds.includes(feed)) {
      send(res, 404, JSON_UTF8, '{"error":"not found"}');
      return;
    }
    counts.set(feed, (counts.get(feed) ?? 0) + 1);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, JSON_UTF8, '{"error":"method not allowed"}');
      return;
    }
    if (req.method === 'HEAD') {
      // A HEAD must not move the clock nor use up a fault: describe the next document.
      const body = await source.body(feed, { moment: 'peek', contentFault: null, baseUrl: baseUrlFor(host, port, req) });
      send(res, 200, JSON_UTF8, body);
      return;
    }
    const fault = faults.take(feed, source.contentFaults);
    if (fault && NO_DOCUMENT_KINDS.has(fault.kind)) {
      answerWithoutDocument(res, fault);
      return;
    }
    const body = await source.body(feed, {
      moment: momentFor(fault?.kind ?? null),
      contentFault: fault && isContentFault(fault.kind) ? fault.kind : null,
      baseUrl: baseUrlFor(host, port, req),
    });
    await deliver(res, body, fault);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${hostForUrl(isWildcard(host) ? '127.0.0.1' : host)}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    gbfsUrl: `${url}/gbfs.json`,
    now: () => source.now(),
    requests: (feed?: string) => (feed === undefined ? total : (counts.get(feed.replace(/\.json$/, '')) ?? 0)),
    setFault: (fault) => faults.set(fault),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests and keep-alive connections would otherwise hold close() forever.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function answerWithoutDocument(res: ServerResponse, fault: Fault): void {
  switch (fault.kind) {
    case 'http500':
      send(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error\n', retryAfter(fault.retryAfterSeconds));
      return;
    case 'http429':
      send(res, 429, 'text/plain; charset=utf-8', 'Too Many Requests\n', retryAfter(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS));
      return;
    case 'http404':
      send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n');
      return;
    case 'invalid_json':
      send(res, 200, JSON_UTF8, NOT_JSON);
      return;
    case 'wrong_shape':
      send(res, 200, JSON_UTF8, WRONG_SHAPE);
      return;
    case 'hang':
      // Say nothing; the socket stays open until the client gives up or close() destroys it.
      return;
    default:
      throw new Error(`fault ${fault.kind} needs a document`);
  }
}

async function deliver(res: ServerResponse, body: Buffer, fault: Fault | null): Promise<void> {
  switch (fault?.kind) {
    case 'truncated':
      // Cut like the real Capital Bikeshare download: a complete HTTP response whose JSON stops mid-object.
      send(res, 200, JSON_UTF8, body.subarray(0, Math.floor(body.length / 2)));
      return;
    case 'latin1_names':
      // Claims JSON (which must be UTF-8) but the accented letters are single ISO-8859-1 bytes.
      send(res, 200, 'application/json', Buffer.from(body.toString('utf8'), 'latin1'));
      return;
    case 'huge':
      await streamPadded(res, body, fault.hugeBytes ?? DEFAULT_HUGE_BYTES);
      return;
    default:
      send(res, 200, JSON_UTF8, body);
  }
}

/**
 * The document with a giant string member in front, streamed chunk by chunk (no Content-Length,
 * never built in memory): still valid JSON, so only a size limit protects the client.
 */
async function streamPadded(res: ServerResponse, body: Buffer, padBytes: number): Promise<void> {
  const brace = body.indexOf(0x7b);
  const rest = brace >= 0 ? body.subarray(brace + 1) : body;
  const restIsEmptyObject = rest.toString('utf8', 0, 64).trimStart().startsWith('}');
  res.writeHead(200, { 'content-type': JSON_UTF8 });
  if (!(await write(res, Buffer.from('{"padding":"')))) return;
  let left = Number.isFinite(padBytes) ? Math.max(0, Math.floor(padBytes)) : DEFAULT_HUGE_BYTES;
  while (left > 0) {
    const size = Math.min(PAD_CHUNK.length, left);
    if (!(await write(res, PAD_CHUNK.subarray(0, size)))) return;
    left -= size;
  }
  if (!(await write(res, Buffer.from(restIsEmptyObject ? '"' : '",')))) return;
  res.end(rest);
}

/** Writes with back-pressure; false once the client has gone. */
async function write(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  return !res.destroyed;
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  extraHeaders: Record<string, string> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length, ...extraHeaders });
  res.end(bytes);
}

function retryAfter(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'retry-after': String(Math.max(0, Math.round(seconds))) };
}

/** "/station_status.json", "/en/station_status.json?x=1" -> station_status. */
function feedOf(rawUrl: string): FeedName | null {
  const path = rawUrl.split('?')[0];
  const match = /\/([a-z_]+)\.json$/.exec(path);
  const name = match?.[1];
  return FEED_NAMES.find((feed) => feed === name) ?? null;
}

/** Bound to a wildcard address, the only usable name is the one the client used. */
function baseUrlFor(host: string, port: number, req: IncomingMessage): string {
  if (isWildcard(host) && req.headers.host) return `http://${req.headers.host}`;
  return `http://${hostForUrl(isWildcard(host) ? '127.0.0.1' : host)}:${port}`;
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
