/**
 * A loopback HTTP proxy in front of the simulator for the feed faults the simulator cannot make:
 * a document is fetched from the simulator (its clock moves as usual) and its text rewritten once
 * before it is served. gbfs.json is rewritten to point at the proxy, so a whole poll goes through it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Rewrite = (text: string) => string;

export interface RewritingProxy {
  url: string;
  gbfsUrl: string;
  /** The next `times` documents of `feed` (a path's base name, e.g. station_status) go through `rewrite`. */
  rewrite(feed: string, rewrite: Rewrite, times?: number): void;
  /** How many rewrites are still pending (0 once the poll used them all). */
  pending(): number;
  close(): Promise<void>;
}

export async function startRewritingProxy(upstream: string): Promise<RewritingProxy> {
  const rewrites: Array<{ feed: string; rewrite: Rewrite; left: number }> = [];
  const sockets = new Set<Socket>();
  let self = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = req.url ?? '/';
    const answer = await fetch(`${upstream}${path}`, { signal: AbortSignal.timeout(5_000) });
    let text = await answer.text();
    const feed = /\/([^/?]+)\.json(?:\?|$)/.exec(path)?.[1] ?? '';
    if (feed === 'gbfs') text = text.split(upstream).join(self);
    const pending = rewrites.find((r) => r.feed === feed && r.left > 0);
    if (pending && answer.ok) {
      pending.left -= 1;
      text = pending.rewrite(text);
    }
    const body = Buffer.from(text, 'utf8');
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
      'content-length': body.length,
    });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    gbfsUrl: `${self}/gbfs.json`,
    rewrite(feed, rewrite, times = 1) {
      rewrites.push({ feed, rewrite, left: times });
    },
    pending: () => rewrites.reduce((n, r) => n + r.left, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** A JSON document's stations edited in place: `edit(station, index)` may mutate or return a replacement. */
export function editStations(edit: (station: Record<string, unknown>, index: number) => Record<string, unknown> | void): Rewrite {
  return (text) => {
    const doc = JSON.parse(text) as { data: { stations: Record<string, unknown>[] } };
    doc.data.stations = doc.data.stations.map((station, index) => edit(station, index) ?? station);
    return JSON.stringify(doc);
  };
}
