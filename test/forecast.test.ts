/**
 * The live forecast on a hand-built history polled through the real ingestion path:
 * three stations in Paris polled every 20 minutes from Monday 5 October 2026 00:00 to Wednesday
 * 03:00. Before a day of history GET /api/forecast answers 409; the first poll with a day fits the
 * model, the first poll after local midnight refits it; every poll issues a forecast, the first of
 * each local hour is kept and scored as the hours pass. With two days of history every station is
 * forecast by persistence (a week is needed for a profile), so every expected number below is
 * computed here from the polls themselves, sharing no code with lib/forecast.
 */
import { latLngToCell } from 'h3-js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as forecastRoute } from '@/app/api/forecast/route';
import { forecastMapResponseSchema, forecastResponseSchema, type ForecastResponse } from '@/lib/forecast/schemas';
import { getConfig } from '@/lib/config';
import { checkHealth } from '@/lib/operations/health';
import { pollSystem } from '@/lib/ingest/pollSystem';
import { forgetForecasts } from '@/lib/forecast/answerCache';
import { getDatabase } from '@/db/client';
import { queryRows } from '@/db/rows';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { scriptedFeed, type ScriptedFeed, type ScriptedPoll } from './support/scriptedFeed';

const HOUR = 3600;
/** Monday 5 October 2026, 00:00 in Paris (UTC+2 all along). */
const FIRST = Date.UTC(2026, 9, 4, 22) / 1000;
const STEP = 1200;
const LAST_HOUR = 51;
const POLL_COUNT = LAST_HOUR * 3 + 1;
const BEFORE_A_DAY = 72;

const STATIONS = [
  { id: 'A', name: 'Louvre', lat: 48.8606, lon: 2.3376, capacity: 10, bikesAt: (k: number) => (3 * k) % 11 },
  { id: 'B', name: 'Bastille', lat: 48.8532, lon: 2.3692, capacity: 6, bikesAt: (k: number) => k % 7 },
  { id: 'C', name: 'République', lat: 48.8674, lon: 2.3636, capacity: 4, bikesAt: () => 2 },
];
const POLLS: ScriptedPoll[] = Array.from({ length: POLL_COUNT }, (_, k) => ({
  t: FIRST + k * STEP,
  stations: STATIONS.map((s) => ({ ...s, bikes: s.bikesAt(k), docks: s.capacity - s.bikesAt(k) })),
}));

/** Mean bikes of a station over hour i (from FIRST): its three polls hold 20 minutes each. */
const hourMean = (s: (typeof STATIONS)[number], i: number) => (s.bikesAt(3 * i) + s.bikesAt(3 * i + 1) + s.bikesAt(3 * i + 2)) / 3;
/** The seasonal baseline with under a week of history: the mean of that hour of the day over the fitted days. */
const seasonal = (s: (typeof STATIONS)[number], targetHour: number, fittedHours: number) => {
  const days = Array.from({ length: fittedHours / 24 }, (_, d) => d * 24 + (targetHour % 24));
  return days.reduce((sum, i) => sum + hourMean(s, i), 0) / days.length;
};
const iso = (t: number) => new Date(t * 1000).toISOString();

describe.each(DATABASE_KINDS)('the live forecast on %s', (kind) => {
  let appDb: AppTestDatabase;
  let feed: ScriptedFeed;
  const pollThrough = async (until: number, from: number) => {
    const { db } = await getDatabase();
    for (let k = from; k < until; k++) {
      feed.setPoll(k);
      expect((await pollSystem(db, { id: 'forecast', gbfsUrl: feed.url }, 'test', { ...getConfig(), FETCH_RETRIES: 0 })).status).toBe('ok');
    }
  };
  const forecast = (query = '') => forecastRoute(new Request(`http://localhost/api/forecast?system=forecast${query}`));
  const answer = async (query = ''): Promise<ForecastResponse> => {
    const response = await forecast(query);
    expect(response.status, query).toBe(200);
    return forecastResponseSchema.parse(await response.json());
  };

  beforeAll(async () => {
    feed = await scriptedFeed('forecast', 'Europe/Paris', POLLS);
    process.env.GBFS_SYSTEMS = `forecast=${feed.url}`;
    // Polls 20 minutes apart are one observed run (the default gap is shorter).
    process.env.MAX_GAP_SECONDS = '1500';
    appDb = await pointAppAtTestDatabase(kind, 'forecast');
    await pollThrough(BEFORE_A_DAY, 0);
  }, 120_000);
  afterAll(async () => {
    await appDb.release();
    await feed?.close();
    delete process.env.GBFS_SYSTEMS;
    delete process.env.MAX_GAP_SECONDS;
  });

  it('answers 409 with how much history there is and how much is needed, before a day of polls', async () => {
    const response = await forecast();
    expect(response.status).toBe(409);
    const body = await response.json();
    // The newest poll is Monday 23:40: 23 whole hours of history.
    expect(body.error).toMatchObject({ code: 'not_enough_history', history: { hours: 23 }, needed: { hours: 24 } });
    expect(body.error.message).toContain('23.0 hours of polls, 24 needed');
    const { db } = await getDatabase();
    expect(await queryRows(db, sql`select * from forecast_models`)).toEqual([]);
  });

  it('fits at the first poll with a day of history and refits at the first poll after local midnight', async () => {
    await pollThrough(BEFORE_A_DAY + 1, BEFORE_A_DAY);
    const { db } = await getDatabase();
    const fitted = () =>
      queryRows<{ at: number; day: string; end: number }>(
        db,
        sql`select extract(epoch from fitted_at)::float8 as at, fitted_day::text as day, extract(epoch from history_end)::float8 as "end" from forecast_models`,
      );
    expect(await fitted()).toEqual([{ at: FIRST + 24 * HOUR, day: '2026-10-06', end: FIRST + 24 * HOUR }]);
    await pollThrough(144, BEFORE_A_DAY + 1);
    expect((await fitted())[0].at).toBe(FIRST + 24 * HOUR);
    await pollThrough(POLL_COUNT, 144);
    expect(await fitted()).toEqual([{ at: FIRST + 48 * HOUR, day: '2026-10-07', end: FIRST + 48 * HOUR }]);
  }, 120_000);

  it('answers the newest poll’s forecast: persistence for every station, said so', async () => {
    const body = await answer();
    const newest = POLL_COUNT - 1;
    expect(body.issuedAt).toBe(iso(POLLS[newest].t));
    expect(body.horizonHours).toEqual(Array.from({ length: 24 }, (_, k) => k + 1));
    expect(body.model).toEqual({
      name: 'persistence',
      answeredBy: { persistence: 3 },
      fittedAt: iso(FIRST + 48 * HOUR),
      history: { start: iso(FIRST), end: iso(FIRST + 48 * HOUR) },
    });
    expect(body.stations.map((s) => [s.id, s.name, s.capacity, s.model])).toEqual([
      ['A', 'Louvre', 10, 'persistence'],
      ['B', 'Bastille', 6, 'persistence'],
      ['C', 'République', 4, 'persistence'],
    ]);
    for (const [i, s] of STATIONS.entries()) {
      const bikes = s.bikesAt(newest);
      expect(body.stations[i].bikes).toEqual(Array(24).fill(bikes));
      expect(body.stations[i].docks).toEqual(Array(24).fill(s.capacity - bikes));
      expect(body.stations[i].pFull).toEqual(Array(24).fill(bikes === s.capacity ? 1 : 0));
      expect(body.stations[i].pEmpty).toEqual(Array(24).fill(bikes === 0 ? 1 : 0));
    }
    // A: 8 of 10, B: 6 of 6 (full), C: 2 of 4; weights relative to the fullest.
    expect(body.hexagons.map((h) => [h.label, h.occupancy[0], h.weight[5], h.pFull[0]])).toEqual([
      ['Bastille', 1, 1, 1],
      ['Louvre', 0.8, 0.8, 0],
      ['République', 0.5, 0.5, 0],
    ]);
    const louvre = latLngToCell(48.8606, 2.3376, 10);
    expect((await answer(`&h3=${louvre}`)).stations.map((s) => s.id)).toEqual(['A']);
  });

  it("answers the map's view: the same hexagons as columns, each hour one array, their stations counted, none listed", async () => {
    const full = await answer();
    const response = await forecast('&view=map');
    expect(response.status).toBe(200);
    const map = forecastMapResponseSchema.parse(await response.json());
    expect(map.issuedAt).toBe(full.issuedAt);
    expect(map.stations).toBe(3);
    expect(map.hexagons.label).toEqual(['Bastille', 'Louvre', 'République']);
    expect(map.hexagons.occupancy).toEqual(Array(24).fill([1, 0.8, 0.5]));
    expect(map.hexagons.capacity).toEqual([6, 10, 4]);
    expect(map.hexagons.bikes[0]).toEqual(full.hexagons.map((h) => full.stations.find((s) => s.name === h.label)!.bikes[0]));
    expect(map.backtest.horizons.map((h) => h.hours)).toEqual([1, 3, 6, 24]);
    // Sent as it is: Next gzips it for a browser (a gzip of the route's own would arrive gzipped twice).
    const asked = await forecastRoute(new Request('http://localhost/api/forecast?system=forecast&view=map', { headers: { 'accept-encoding': 'gzip' } }));
    expect(asked.headers.get('content-encoding')).toBeNull();
    expect(forecastMapResponseSchema.parse(await asked.json())).toEqual(map);
  });

  it('answers the same from the database as from what the issuing process holds', async () => {
    const held = await answer('&resolution=9');
    forgetForecasts((await getDatabase()).db);
    expect(await answer('&resolution=9')).toEqual(held);
  });

  it('keeps each issued forecast uncompressed (written after every poll, read whole)', async () => {
    const db = (await getDatabase()).db;
    const [column] = await queryRows<{ storage: string }>(db, sql`select attstorage as storage from pg_attribute where attrelid = 'forecast_issues'::regclass and attname = 'forecast'`);
    // 'e': external, out of line without compression; the default for text is 'x' (compressed).
    expect(column.storage).toBe('e');
  });

  it('states the backtest of the fit: persistence at every origin of the two days, scored on the hours that followed', async () => {
    const body = await answer();
    expect(body.backtest.origins).toBe(72);
    for (const { hours, mae } of body.backtest.horizons) {
      let sum = 0;
      // Each origin starts, as live, from the first poll of the hour before it (poll 3i of hour i).
      for (const s of STATIONS) for (let o = 1; o <= 24; o++) sum += Math.abs(s.bikesAt(3 * (o - 1)) - hourMean(s, o + hours - 1));
      expect(mae.model).toBeCloseTo(sum / 72, 9);
      expect(mae.persistence).toBeCloseTo(sum / 72, 9);
    }
    expect(body.backtest.horizons.map((h) => h.hours)).toEqual([1, 3, 6, 24]);
  });

  it('scores the first forecast of every local hour as its hours pass, beside both baselines', async () => {
    const body = await answer();
    // Kept: the polls at hh:00 from Tuesday 00:00 (hour 24) on; horizon h of the one at hour i is
    // scored once hour i + h has ended, i.e. i + h <= 50 (the newest poll is hour 51's first).
    const expected = new Map<number, { n: number; model: number; seasonal: number; origins: number; brierEmpty: number; brierFull: number }>();
    // The share of hour j a station was empty (full): its three 20-minute polls, a third each.
    const share = (s: (typeof STATIONS)[number], j: number, holds: (bikes: number) => boolean) => [0, 1, 2].filter((p) => holds(s.bikesAt(3 * j + p))).length / 3;
    for (let i = 24; i <= LAST_HOUR; i++) {
      const fittedHours = i < 48 ? 24 : 48;
      for (let h = 1; h <= 24 && i + h <= 50; h++) {
        const e = expected.get(h) ?? { n: 0, model: 0, seasonal: 0, origins: 0, brierEmpty: 0, brierFull: 0 };
        e.origins++;
        for (const s of STATIONS) {
          const actual = hourMean(s, i + h);
          e.n++;
          e.model += Math.abs(s.bikesAt(3 * i) - actual);
          e.seasonal += Math.abs(seasonal(s, i + h, fittedHours) - actual);
          // Persistence's chances: the state at the poll, 1 or 0.
          const now = s.bikesAt(3 * i);
          e.brierEmpty += ((now === 0 ? 1 : 0) - share(s, i + h, (b) => b === 0)) ** 2;
          e.brierFull += ((now === s.capacity ? 1 : 0) - share(s, i + h, (b) => b === s.capacity)) ** 2;
        }
        expected.set(h, e);
      }
    }
    expect(body.live.horizons.map((h) => h.hours)).toEqual([...expected.keys()].sort((a, b) => a - b));
    expect(body.live.origins).toBe(26);
    for (const { hours, mae, brier } of body.live.horizons) {
      const e = expected.get(hours)!;
      // Every station answered by persistence: the model's chances are persistence's.
      expect(brier!.empty.model).toBeCloseTo(e.brierEmpty / e.n, 9);
      expect(brier!.empty.persistence).toBeCloseTo(e.brierEmpty / e.n, 9);
      expect(brier!.full.model).toBeCloseTo(e.brierFull / e.n, 9);
      expect(brier!.full.persistence).toBeCloseTo(e.brierFull / e.n, 9);
      expect(brier!.empty.climatology).not.toBeNull();
      expect(mae.model).toBeCloseTo(e.model / e.n, 9);
      expect(mae.persistence).toBeCloseTo(e.model / e.n, 9);
      expect(mae.seasonal).toBeCloseTo(e.seasonal / e.n, 9);
    }
    const { db } = await getDatabase();
    // Fully scored forecasts are no longer kept: hours 24..26 (i + 24 <= 50); the newest always is.
    const kept = await queryRows<{ at: number }>(db, sql`select extract(epoch from issued_at)::float8 as at from forecast_issues order by 1`);
    expect(kept.map((r) => (r.at - FIRST) / HOUR)).toEqual(Array.from({ length: LAST_HOUR - 26 }, (_, k) => 27 + k));
  });

  it('tells the health report how live compares with the backtest, once a day of forecasts is scored', async () => {
    const body = await answer();
    const ratios = body.live.horizons
      .filter((live) => live.origins >= 24)
      .flatMap((live) => {
        const promised = body.backtest.horizons.find((b) => b.hours === live.hours)?.mae.model;
        return promised ? [{ hours: live.hours, ratio: live.mae.model! / promised }] : [];
      });
    // Horizons 1 and 3 have 26 and 24 scored forecasts; 6 and 24 fewer.
    expect(ratios.map((r) => r.hours)).toEqual([1, 3]);
    const worst = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const system = (await checkHealth()).systems.find((s) => s.id === 'forecast')!;
    expect(system.forecast).toMatchObject({ drifting: worst.ratio > 1.5, fittedAt: iso(FIRST + 48 * HOUR), liveOrigins: 26 });
    expect(system.forecast!.worst!.hours).toBe(worst.hours);
    expect(system.forecast!.worst!.ratio).toBeCloseTo(worst.ratio, 9);
  });

  it('refuses bad parameters and unknown systems with a JSON body naming the problem', async () => {
    const bad = await forecast('&resolution=11');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'invalid_parameter', parameter: 'resolution' });
    const cell = await forecast('&h3=not-a-cell');
    expect(cell.status).toBe(400);
    expect((await cell.json()).error.parameter).toBe('h3');
    const unknown = await forecastRoute(new Request('http://localhost/api/forecast?system=nowhere'));
    expect(unknown.status).toBe(404);
  });

  it('on a system with history but no model, GET answers 409 saying how the forecast comes, and writes nothing', async () => {
    const { db } = await getDatabase();
    for (const table of ['forecast_scores', 'forecast_issues', 'forecast_station_models', 'forecast_models']) {
      await db.execute(sql.raw(`delete from ${table}`));
    }
    forgetForecasts(db);
    const before = await everyTableDigest();
    const response = await forecast();
    expect(response.status).toBe(409);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'forecast_not_issued', history: { hours: LAST_HOUR } });
    expect(error.message).toBe('no forecast issued yet for forecast: the next poll fits and issues one (or run npm run forecast:fit -- --system forecast)');
    expect(await everyTableDigest()).toEqual(before);
  });
});

/** Each table of the database with a digest of all its rows: equal before and after means nothing was written. */
async function everyTableDigest(): Promise<Record<string, string>> {
  const { db } = await getDatabase();
  const tables = await queryRows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  expect(tables.map((t) => t.name)).toContain('forecast_models');
  const digests: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ digest: string | null; rows: number }>(
      db,
      sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*)::int as rows from "${name}" t`),
    );
    digests[name] = `${row.rows}:${row.digest}`;
  }
  return digests;
}
