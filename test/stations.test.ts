/**
 * What the map's search and download links ask of the API, called as Next calls the routes
 * against a database filled through the simulator: GET /api/stations (every station, cacheable,
 * refusals as JSON) and /api/hotspots?format=parquet (the view as a typed table, read back by DuckDB).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as stationsRoute } from '@/app/api/stations/route';
import { GET as hotspotsRoute } from '@/app/api/hotspots/route';
import { GET as systemsRoute } from '@/app/api/systems/route';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { hotspotsResponseSchema } from '@/lib/hotspots/schemas';
import { stationsResponseSchema } from '@/lib/stations/schemas';
import { systemsResponseSchema } from '@/lib/systems/schemas';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { duckdbRows, fileLiteral } from './support/duckdb';

const START = Date.UTC(2025, 5, 3, 5, 0, 0) / 1000; // 07:00 in Paris, 3 June 2025
const DAY = '2025-06-03';
const SECRET = 'test-secret-0123456789';

const get = (route: (r: Request) => Promise<Response>, url: string, headers: Record<string, string> = {}) =>
  route(new Request(`http://localhost${url}`, { headers }));
const cron = () => get(cronRoute, '/api/cron/ingest', { authorization: `Bearer ${SECRET}` });

describe.each(DATABASE_KINDS)('station search and downloads on %s', (kind) => {
  let sim: RunningSimulator;
  let appDb: AppTestDatabase;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stations-test-'));

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    sim = await startSimulator({ variant: 'velib', stations: 80, seed: 5, startTime: START, stepSeconds: 300 });
    process.env.GBFS_SYSTEMS = `paris=${sim.gbfsUrl}`;
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    appDb = await pointAppAtTestDatabase(kind, 'stations');
    for (let i = 0; i < 4; i++) expect((await cron()).status).toBe(200);
  });

  afterAll(async () => {
    await appDb.release();
    await sim?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('GET /api/stations', () => {
    it('lists every station of the system by name, with its code, position and capacity', async () => {
      const response = await get(stationsRoute, '/api/stations?system=paris');
      expect(response.status).toBe(200);
      const body = stationsResponseSchema.parse(await response.json());
      const systems = systemsResponseSchema.parse(await (await get(systemsRoute, '/api/systems')).json());
      expect(body.system).toBe('paris');
      expect(body.stations).toHaveLength(systems.systems[0].stations);
      const names = body.stations.map((s) => s.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      // Vélib's feed gives every station a stationCode; Paris is around 48.86 N, 2.35 E.
      for (const station of body.stations) {
        expect(station.code).toMatch(/^\d+/);
        expect(station.lat).toBeGreaterThan(48.5);
        expect(station.lat).toBeLessThan(49.2);
        expect(station.lon).toBeGreaterThan(1.9);
        expect(station.lon).toBeLessThan(2.8);
        expect(station.capacity === null || station.capacity >= 0).toBe(true);
      }
      expect(new Set(body.stations.map((s) => s.id)).size).toBe(body.stations.length);
    });

    it('defaults to the first system, like the other routes', async () => {
      const body = stationsResponseSchema.parse(await (await get(stationsRoute, '/api/stations')).json());
      expect(body.system).toBe('paris');
    });

    it('is cacheable, and a revalidation with the same ETag answers 304 until the next poll', async () => {
      const first = await get(stationsRoute, '/api/stations?system=paris');
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await get(stationsRoute, '/api/stations?system=paris', { 'if-none-match': etag! });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect((await cron()).status).toBe(200);
      const after = await get(stationsRoute, '/api/stations?system=paris', { 'if-none-match': etag! });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(etag);
    });

    it('answers 404 naming the known systems for an unknown system', async () => {
      const response = await get(stationsRoute, '/api/stations?system=london');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toEqual({
        error: { code: 'unknown_system', message: 'unknown system "london"', parameter: 'system', accepted: 'paris' },
      });
    });

    it('answers 400 naming the parameter for a malformed system id', async () => {
      const response = await get(stationsRoute, '/api/stations?system=BAD!');
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: 'invalid_parameter', message: 'system: a system id is 1-63 lowercase letters, digits, "-" or "_"', parameter: 'system' },
      });
    });

    it('is documented in the OpenAPI document', async () => {
      const doc = await (await get(openApiRoute, '/api/openapi.json')).json();
      expect(doc.paths['/api/stations'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['system']);
      expect(doc.paths['/api/stations'].get.responses['200'].content['application/json'].schema.properties.stations.type).toBe('array');
    });
  });

  describe('GET /api/hotspots?format=parquet', () => {
    it('answers the same hexagons as the JSON, typed, as a Parquet attachment', async () => {
      const query = `date=${DAY}&metric=bikes&resolution=9`;
      const json = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, `/api/hotspots?${query}`)).json());
      const response = await get(hotspotsRoute, `/api/hotspots?${query}&format=parquet`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.apache.parquet');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="hotspots-paris-${DAY}.parquet"`);
      const file = path.join(tmp, `${kind}.parquet`);
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const rows = await duckdbRows(`select h3, value::double as value, weight::double as weight, rank::int as rank, stations::int as stations from ${fileLiteral(file)} order by rank`);
      expect(rows).toEqual(json.hexagons.map((h) => ({ h3: h.h3, value: h.value, weight: h.weight, rank: h.rank, stations: h.stations })));
      const [meta] = await duckdbRows(`select decode(value) as answer from parquet_kv_metadata(${fileLiteral(file)}) where decode(key) = 'gbfs_hotspots.answer'`);
      expect(JSON.parse(String(meta.answer))).toMatchObject({ system: 'paris', date: DAY, metric: 'bikes', resolution: 9 });
    });

    it('carries the comparison columns of a comparison', async () => {
      const response = await get(hotspotsRoute, `/api/hotspots?date=${DAY}&baseDate=2025-06-02&format=parquet`);
      expect(response.status).toBe(200);
      const file = path.join(tmp, `${kind}-compare.parquet`);
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const columns = await duckdbRows(`select name from parquet_schema(${fileLiteral(file)}) where name <> 'schema'`);
      expect(columns.map((c) => c.name)).toEqual(['h3', 'lat', 'lon', 'weight', 'value', 'rank', 'stations', 'coverage', 'baseValue', 'delta', 'deltaWeight']);
    });
  });
});
