/**
 * The public routes, called as Next calls them (Request in, Response out), against a database
 * filled through the simulator: what a program calling the API sees.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cellToParent } from 'h3-js';
import { resetConfig } from '@/lib/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as hotspotsRoute } from '@/app/api/hotspots/route';
import { GET as hexagonRoute } from '@/app/api/hexagons/[h3]/route';
import { GET as systemsRoute } from '@/app/api/systems/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import * as unknownApiPath from '@/app/api/[[...unknown]]/route';
import { hexagonResponseSchema, hotspotsResponseSchema } from '@/lib/hotspots/schemas';
import { systemsResponseSchema } from '@/lib/systems/schemas';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';

const START = Date.UTC(2025, 5, 3, 5, 0, 0) / 1000; // 07:00 in Paris, 3 June 2025
const DAY = '2025-06-03';
const SECRET = 'test-secret-0123456789';

const get = (route: (r: Request) => Promise<Response>, url: string, headers: Record<string, string> = {}) =>
  route(new Request(`http://localhost${url}`, { headers }));
const hexagonGet = (cell: string, query: string) =>
  hexagonRoute(new Request(`http://localhost/api/hexagons/${cell}${query}`), { params: Promise.resolve({ h3: cell }) });
const cron = (query = '') => get(cronRoute, `/api/cron/ingest${query}`, { authorization: `Bearer ${SECRET}` });

async function expectError(response: Response, status: number, parameter: string | undefined, message: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = await response.json();
  expect(body.error.message).toMatch(message);
  if (parameter) expect(body.error.parameter).toBe(parameter);
}

describe.each(DATABASE_KINDS)('API on %s', (kind) => {
  let sim: RunningSimulator;
  let appDb: AppTestDatabase;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    sim = await startSimulator({ variant: 'velib', stations: 120, seed: 3, startTime: START, stepSeconds: 300 });
    process.env.GBFS_SYSTEMS = `paris=${sim.gbfsUrl}`;
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    appDb = await pointAppAtTestDatabase(kind, 'api');
    // 07:00 → 09:00 local in 5-minute polls.
    for (let i = 0; i <= 24; i++) expect((await cron()).status).toBe(200);
  });

  afterAll(async () => {
    await appDb.release();
    await sim?.close();
  });

  describe('GET /api/hotspots', () => {
    it('returns the day\'s hexagons with weights relative to the top one', async () => {
      const response = await get(hotspotsRoute, `/api/hotspots?date=${DAY}`);
      expect(response.status).toBe(200);
      const body = hotspotsResponseSchema.parse(await response.json());
      expect(body).toMatchObject({ system: 'paris', date: DAY, timezone: 'Europe/Paris', resolution: 10, metric: 'occupancy' });
      expect(body.window).toEqual({ from: 0, to: 24, start: '2025-06-02T22:00:00.000Z', end: '2025-06-03T22:00:00.000Z' });
      expect(body.hexagons.length).toBeGreaterThan(50);
      expect(body.hexagons[0]).toMatchObject({ weight: 1, rank: 1 });
      const top = body.hexagons[0].value!;
      body.hexagons.forEach((h, i) => {
        expect(h.rank).toBe(i + 1);
        expect(h.weight).toBeCloseTo(h.value! / top, 12);
        if (i > 0) expect(h.weight).toBeLessThanOrEqual(body.hexagons[i - 1].weight);
      });
      // Two hours of data in a 24-hour window.
      expect(body.coverage).toBeGreaterThan(0.05);
      expect(body.coverage).toBeLessThanOrEqual(2 / 24);
      expect(body.dataRange).toEqual({ firstDay: DAY, lastDay: DAY });
      expect(response.headers.get('cache-control')).toMatch(/s-maxage=86400/);
    });

    it('limits, windows, coarser resolutions and other metrics', async () => {
      const all = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, `/api/hotspots?date=${DAY}`)).json());
      const top3 = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, `/api/hotspots?date=${DAY}&limit=3`)).json());
      expect(top3.hexagons).toEqual(all.hexagons.slice(0, 3));

      const morning = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, `/api/hotspots?date=${DAY}&from=7&to=8`)).json());
      expect(morning.window).toMatchObject({ from: 7, to: 8, start: '2025-06-03T05:00:00.000Z', end: '2025-06-03T06:00:00.000Z' });
      expect(morning.coverage).toBeGreaterThan(0.5);
      const night = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, `/api/hotspots?date=${DAY}&from=0&to=6`)).json());
      expect(night.hexagons).toEqual([]);

      const r9 = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, `/api/hotspots?date=${DAY}&resolution=9`)).json());
      const parents = new Set(all.hexagons.map((h) => cellToParent(h.h3, 9)));
      expect(new Set(r9.hexagons.map((h) => h.h3))).toEqual(parents);
      expect(r9.hexagons.reduce((n, h) => n + h.stations, 0)).toBe(all.hexagons.reduce((n, h) => n + h.stations, 0));

      for (const metric of ['bikes', 'ebikes', 'mechanical', 'full']) {
        const body = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, `/api/hotspots?date=${DAY}&metric=${metric}`)).json());
        expect(body.metric).toBe(metric);
        expect(body.hexagons.length).toBeGreaterThan(0);
      }
    });

    it('answers GeoJSON polygons and CSV', async () => {
      const geo = await get(hotspotsRoute, `/api/hotspots?date=${DAY}&format=geojson&limit=2`);
      expect(geo.headers.get('content-type')).toBe('application/geo+json');
      const collection = await geo.json();
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.features).toHaveLength(2);
      expect(collection.features[0].geometry.coordinates[0]).toHaveLength(7);
      const csv = await (await get(hotspotsRoute, `/api/hotspots?date=${DAY}&format=csv&limit=2`)).text();
      const lines = csv.trim().split('\n');
      expect(lines[0]).toBe('h3,lat,lon,weight,value,rank,stations,coverage');
      expect(lines).toHaveLength(3);
      expect(lines[1].split(',')[3]).toBe('1');
    });

    it('answers a day without data with no hexagons and the days that have data', async () => {
      const response = await get(hotspotsRoute, '/api/hotspots?date=2024-01-01');
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.hexagons).toEqual([]);
      expect(body.dataRange).toEqual({ firstDay: DAY, lastDay: DAY });
    });

    it.each([
      ['', 'date', /date is required/],
      ['?date=03-06-2025', 'date', /YYYY-MM-DD/],
      ['?date=2025-02-30', 'date', /not a real calendar date/],
      [`?date=${DAY}&from=8&to=8`, 'from', /before to/],
      [`?date=${DAY}&from=20&to=3`, 'from', /before to/],
      [`?date=${DAY}&from=25`, 'from', /0-23/],
      [`?date=${DAY}&to=abc`, 'to', /whole number/],
      [`?date=${DAY}&metric=speed`, 'metric', /occupancy, bikes, ebikes, mechanical, full/],
      [`?date=${DAY}&resolution=6`, 'resolution', /7, 8, 9 or 10/],
      [`?date=${DAY}&resolution=11`, 'resolution', /7, 8, 9 or 10/],
      [`?date=${DAY}&limit=0`, 'limit', /positive/],
      [`?date=${DAY}&limit=-3`, 'limit', /whole number/],
      [`?date=${DAY}&limit=1.5`, 'limit', /whole number/],
      [`?date=${DAY}&format=xml`, 'format', /json, geojson, csv/],
      [`?date=${DAY}&system=../../etc`, 'system', /system id/],
      [`?date=${DAY}' OR 1=1 --`, 'date', /YYYY-MM-DD/],
      [`?start=${DAY}`, 'end', /^end: end is required with start$/],
      [`?end=${DAY}`, 'start', /^start: start is required with end$/],
      ['?start=2025-06-05&end=2025-06-01', 'end', /end must not be before start/],
      ['?start=2024-01-01&end=2025-01-01', 'end', /a period is at most 366 days/],
      [`?date=${DAY}&start=${DAY}&end=${DAY}`, 'date', /give either date or start and end, not both/],
      [`?date=${DAY}&weekdays=0,8`, 'weekdays', /ISO weekdays 1-7/],
      [`?date=${DAY}&weekdays=mon`, 'weekdays', /ISO weekdays 1-7/],
      [`?date=${DAY}&baseStart=2025-06-01`, 'baseEnd', /baseEnd is required with baseStart/],
      [`?date=${DAY}&baseDate=2025-02-30`, 'baseDate', /baseDate is not a real calendar date/],
      [`?date=${DAY}&baseStart=2025-06-03&baseEnd=2025-06-01`, 'baseEnd', /baseEnd must not be before baseStart/],
    ])('GET /api/hotspots%s → 400 naming the parameter', async (query, parameter, message) => {
      await expectError(await get(hotspotsRoute, `/api/hotspots${query}`), 400, parameter, message);
    });

    it('answers 404 for an unknown system, naming the known ones', async () => {
      const response = await get(hotspotsRoute, `/api/hotspots?date=${DAY}&system=london`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'unknown_system', message: 'unknown system "london"', parameter: 'system', accepted: 'paris' },
      });
    });
  });

  describe('GET /api/hexagons/{h3}', () => {
    it('lists the stations of a hexagon with their day and an hourly series', async () => {
      const day = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, `/api/hotspots?date=${DAY}&resolution=9`)).json());
      const busiest = [...day.hexagons].sort((a, b) => b.stations - a.stations)[0];
      const response = await hexagonGet(busiest.h3, `?date=${DAY}`);
      expect(response.status).toBe(200);
      const body = hexagonResponseSchema.parse(await response.json());
      expect(body.stations).toHaveLength(busiest.stations);
      for (const station of body.stations) {
        expect(station.name).not.toBe(station.stationId);
        // 07:00-09:00 local, plus the 09:00 hour's first minutes are not there: two hours.
        expect(station.hourly.map((h) => h.hour)).toEqual([7, 8]);
        expect(station.figures.observedS).toBe(station.hourly.reduce((n, h) => n + h.observedS, 0));
      }
    });

    it("gives the hexagon's own hourly values, equal to the map's value of that hexagon for that hour", async () => {
      const day = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, `/api/hotspots?date=${DAY}&resolution=9`)).json());
      const busiest = [...day.hexagons].sort((a, b) => b.stations - a.stations)[0];
      expect(busiest.stations).toBeGreaterThan(1);
      const detail = hexagonResponseSchema.parse(await (await hexagonGet(busiest.h3, `?date=${DAY}`)).json());
      expect(detail.hourly.map((h) => h.hour)).toEqual([7, 8]);
      for (const hour of detail.hourly) {
        for (const metric of ['occupancy', 'bikes', 'full'] as const) {
          const url = `/api/hotspots?date=${DAY}&resolution=9&metric=${metric}&from=${hour.hour}&to=${hour.hour + 1}`;
          const map = hotspotsResponseSchema.parse(await (await get(hotspotsRoute, url)).json());
          expect(hour[metric], `${metric} at ${hour.hour}:00`).toBeCloseTo(map.hexagons.find((h) => h.h3 === busiest.h3)!.value!, 12);
        }
      }
    });

    it('rejects what is not an H3 cell', async () => {
      await expectError(await hexagonGet('not-a-cell', `?date=${DAY}`), 400, 'h3', /H3 cell/);
      await expectError(await hexagonGet('8a1fb46622dffff', '?date=2025-13-01'), 400, 'date', /calendar/);
    });

    it('answers a cell of a resolution the map does not offer with a 400 naming h3', async () => {
      const resolution6 = cellToParent('8a1fb46622dffff', 6);
      await expectError(await hexagonGet(resolution6, `?date=${DAY}`), 400, 'h3', /resolution 7-10.*resolution 6/);
    });
  });

  describe('GET /api/systems and /api/health', () => {
    it('describes the system: time zone, stations, days with data, framing', async () => {
      const body = systemsResponseSchema.parse(await (await get(systemsRoute, '/api/systems')).json());
      expect(body.systems).toHaveLength(1);
      expect(body.systems[0]).toMatchObject({ id: 'paris', timezone: 'Europe/Paris', stations: 120, firstDay: DAY, lastDay: DAY, staleAfterSeconds: 900, simulated: false });
      const [west, south, east, north] = body.systems[0].bounds!;
      expect(west).toBeLessThan(2.35);
      expect(east).toBeGreaterThan(2.35);
      expect(south).toBeLessThan(48.86);
      expect(north).toBeGreaterThan(48.86);
    });

    it('is alive with a stale feed (the simulated day is in 2025): 200, the staleness in the body', async () => {
      const response = await get(healthRoute, '/api/health');
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ healthy: true, strict: false, database: { reachable: true, kind } });
      expect(body.systems[0]).toMatchObject({ id: 'paris', stale: true });
    });

    it('strict=1 (for monitors) answers 503 while a feed is stale; a bad flag is a 400', async () => {
      const response = await get(healthRoute, '/api/health?strict=1');
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ healthy: false, strict: true });
      expect(body.database).toEqual({ reachable: true, kind });
      expect(body.systems[0]).toMatchObject({ id: 'paris', stale: true, lastStatus: 'ok', feedTime: '2025-06-03T07:00:00.000Z' });
      expect(JSON.stringify(body)).not.toContain('postgres://');
      await expectError(await get(healthRoute, '/api/health?strict=yes'), 400, 'strict', /1, 0, true or false/);
    });
  });

  describe('GET /api/cron/ingest', () => {
    it.each([
      ['no header', {}],
      ['a wrong secret', { authorization: 'Bearer wrong' }],
      ['a secret of another length', { authorization: `Bearer ${SECRET}x` }],
      ['the secret without Bearer', { authorization: SECRET }],
    ])('answers 401 with %s, always the same body', async (_, headers) => {
      const response = await get(cronRoute, '/api/cron/ingest', headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Authorization: Bearer <CRON_SECRET> required' } });
    });

    it('answers 401 to the secret in the query string', async () => {
      expect((await get(cronRoute, `/api/cron/ingest?secret=${SECRET}&token=${SECRET}`)).status).toBe(401);
    });

    it('answers 503 when CRON_SECRET is not configured', async () => {
      delete process.env.CRON_SECRET;
      resetConfig();
      try {
        await expectError(await cron(), 503, undefined, /CRON_SECRET is not set/);
      } finally {
        process.env.CRON_SECRET = SECRET;
        resetConfig();
      }
    });

    it('polls one system by id, 404 for an unknown one', async () => {
      const response = await cron('?system=paris');
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.runs).toHaveLength(1);
      expect(body.runs[0]).toMatchObject({ system: 'paris', status: 'ok' });
      await expectError(await cron('?system=london'), 404, 'system', /unknown system/);
    });

    it('answers 502 with the failed run when the feed is down', async () => {
      sim.setFault({ feed: 'gbfs', kind: 'http500', times: 1 });
      const response = await cron();
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body.runs[0]).toMatchObject({ status: 'failed', httpStatus: 500 });
      expect(body.runs[0].error).toMatch(/HTTP 500/);
    });
  });

  // The handlers throw these refusals and the one error boundary answers them: the bytes a client
  // receives are pinned here, so moving that work between handler and boundary changes none of them.
  it('answers refusals as the same JSON bytes and headers, whoever builds them', async () => {
    const exactly = async (response: Response) => ({ status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() });
    const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
    const invalid = (parameter: string, message: string) => ({
      status: 400,
      headers,
      body: JSON.stringify({ error: { code: 'invalid_parameter', message: `${parameter}: ${message}`, parameter } }),
    });
    expect(await exactly(await get(hotspotsRoute, `/api/hotspots?date=${DAY}&limit=0`))).toEqual(invalid('limit', 'limit must be a positive whole number'));
    expect(await exactly(await hexagonGet('x', `?date=${DAY}`))).toEqual(invalid('h3', 'h3 must be an H3 cell index (15 hex digits)'));
    expect(await exactly(await hexagonGet('8a1fb46622dffff', '?date=2025-02-30'))).toEqual(invalid('date', 'date is not a real calendar date'));
    expect(await exactly(await get(healthRoute, '/api/health?strict=yes'))).toEqual(invalid('strict', 'must be 1, 0, true or false'));
    expect(await exactly(await cron('?system=BAD!'))).toEqual(invalid('system', 'a system id is 1-63 lowercase letters, digits, "-" or "_"'));
    expect(await exactly(await get(cronRoute, '/api/cron/ingest?system=BAD!', { authorization: 'Bearer wrong' }))).toEqual({
      status: 401,
      headers,
      body: '{"error":{"code":"unauthorized","message":"Authorization: Bearer <CRON_SECRET> required"}}',
    });
  });

  it('publishes an OpenAPI document of the same schemas', async () => {
    const doc = await (await get(openApiRoute, '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const params = doc.paths['/api/hotspots'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(['date', 'start', 'end', 'weekdays', 'baseDate', 'baseStart', 'baseEnd', 'system', 'from', 'to', 'resolution', 'metric', 'limit', 'format']);
    expect(doc.paths['/api/hotspots'].get.responses['200'].content['application/json'].schema.properties.hexagons.type).toBe('array');
  });

  it('documents every method of every API route', async () => {
    const doc = await (await get(openApiRoute, '/api/openapi.json')).json();
    const routeFiles = (fs.readdirSync('app/api', { recursive: true }) as string[])
      // The catch-all is no route of its own: it answers the paths no route serves with a 404.
      .filter((file) => path.basename(file) === 'route.ts' && !file.includes('openapi.json') && !file.includes('[[...'))
      .map((file) => path.join('app/api', file));
    const served = routeFiles.flatMap((file) => {
      const route = `/${path.dirname(file).replace(/^app\//, '').replace(/\[(\w+)\]/g, '{$1}')}`;
      const methods = [...fs.readFileSync(file, 'utf8').matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1].toLowerCase());
      return methods.map((method) => `${method} ${route}`);
    });
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method} ${route}`));
    expect(served.length).toBeGreaterThan(8);
    expect(documented.sort()).toEqual(served.sort());
  });
});

describe('an /api/… path no route serves', () => {
  it('answers the API\'s JSON 404 naming the method and path, for every method, never Next\'s HTML page', async () => {
    const handlers = { GET: unknownApiPath.GET, HEAD: unknownApiPath.HEAD, POST: unknownApiPath.POST, PUT: unknownApiPath.PUT, PATCH: unknownApiPath.PATCH, DELETE: unknownApiPath.DELETE, OPTIONS: unknownApiPath.OPTIONS };
    for (const [method, handler] of Object.entries(handlers)) {
      const response = await handler(new Request('http://localhost/api/nothing?token=secret', { method }));
      expect(response.status, method).toBe(404);
      expect(response.headers.get('content-type'), method).toMatch(/application\/json/);
      expect(await response.json(), method).toEqual({
        error: { code: 'unknown_route', message: `no API route at ${method} /api/nothing; the routes are listed in /api/openapi.json`, parameter: 'path' },
      });
    }
  });

  it('names nested and bare paths, and never echoes the query string or a very long path whole', async () => {
    for (const pathname of ['/api', '/api/hexagons', '/api/systems/velib/extra']) {
      const body = await (await unknownApiPath.GET(new Request(`http://localhost${pathname}`))).json();
      expect(body.error.message).toBe(`no API route at GET ${pathname}; the routes are listed in /api/openapi.json`);
    }
    const long = `/api/${'x'.repeat(5000)}`;
    const body = await (await unknownApiPath.GET(new Request(`http://localhost${long}?key=hidden`))).json();
    expect(body.error.message.length).toBeLessThan(300);
    expect(JSON.stringify(body)).not.toContain('hidden');
  });
});
