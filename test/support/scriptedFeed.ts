/** A GBFS v2 feed served on localhost whose station_information and station_status are those of the current poll of a script. */
import http from 'node:http';
import type net from 'node:net';

export interface ScriptedStation {
  id: string;
  name: string;
  lat: number;
  lon: number;
  capacity: number;
  bikes: number;
  docks: number;
}

export interface ScriptedPoll {
  t: number;
  stations: readonly ScriptedStation[];
}

export interface ScriptedFeed {
  url: string;
  setPoll: (k: number) => void;
  close: () => Promise<void>;
}

export function scriptedFeed(systemId: string, timezone: string, polls: readonly ScriptedPoll[]): Promise<ScriptedFeed> {
  let current = 0;
  const body = (path: string, base: string) => {
    const { t, stations } = polls[current];
    const envelope = (data: unknown) => ({ last_updated: t, ttl: 60, version: '2.3', data });
    if (path === '/gbfs.json') {
      return envelope({ en: { feeds: ['system_information', 'station_information', 'station_status'].map((name) => ({ name, url: `${base}/${name}.json` })) } });
    }
    if (path === '/system_information.json') return envelope({ system_id: systemId, language: 'en', name: systemId, timezone });
    if (path === '/station_information.json') {
      return envelope({ stations: stations.map((s) => ({ station_id: s.id, name: s.name, lat: s.lat, lon: s.lon, capacity: s.capacity })) });
    }
    if (path === '/station_status.json') {
      return envelope({
        stations: stations.map((s) => ({ station_id: s.id, num_bikes_available: s.bikes, num_docks_available: s.docks, is_installed: true, is_renting: true, is_returning: true, last_reported: t })),
      });
    }
    return null;
  };
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const { port } = server.address() as net.AddressInfo;
      const json = body(req.url ?? '', `http://127.0.0.1:${port}`);
      if (json === null) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/gbfs.json`, setPoll: (k) => (current = k), close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
