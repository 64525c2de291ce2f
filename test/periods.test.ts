/**
 * Periods, weekdays, hour windows and comparisons of /api/hotspots on a hand-built four-day
 * history (Friday 27 to Monday 30 March 2026, Paris: Sunday has 23 hours), polled through the real
 * ingestion path from a feed served here: a poll every 20 minutes, a two-hour outage on Saturday
 * (longer than MAX_GAP_SECONDS: unobserved), and a station that moves on Sunday at noon; and a
 * second system polled around the fall-back of Sunday 25 October 2026 (25 hours, 02:00 twice).
 * Every figure is checked against a computation written here from the polls themselves, sharing
 * no code with lib/hotspots (UTC offsets of Paris written out by hand).
 */
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as hotspotsRoute } from '@/app/api/hotspots/route';
import { GET as profileRoute } from '@/app/api/profile/route';
import { profileResponseSchema } from '@/lib/profile/schemas';
import { hotspotsResponseSchema, type HotspotsResponse } from '@/lib/hotspots/schemas';
import { getConfig } from '@/lib/config';
import { pollSystem } from '@/lib/ingest/pollSystem';
import { getDatabase } from '@/db/client';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { scriptedFeed, type ScriptedFeed, type ScriptedPoll } from './support/scriptedFeed';

const STEP = 1200;
const MAX_GAP = 1500;
/** Friday 27 March 2026, 00:00 in Paris (UTC+1). */
const FIRST = Date.UTC(2026, 2, 26, 23) / 1000;
/** Monday 30 March, 24:00 in Paris (UTC+2). */
const LAST = Date.UTC(2026, 2, 30, 22) / 1000;
const OUTAGE = { start: Date.UTC(2026, 2, 28, 9) / 1000, end: Date.UTC(2026, 2, 28, 11) / 1000 };
/** Sunday 29 March, 12:00 in Paris (UTC+2). */
const MOVE = Date.UTC(2026, 2, 29, 10) / 1000;

const PLACES = {
  louvre: [48.8606, 2.3376],
  bastille: [48.8532, 2.3692],
  republique: [48.8674, 2.3636],
  chatelet: [48.8584, 2.3474],
} as const;
const cellOf = (place: keyof typeof PLACES) => latLngToCell(PLACES[place][0], PLACES[place][1], 10);

interface StationAt {
  id: string;
  place: keyof typeof PLACES;
  bikes: number;
  docks: number;
}

/** The stations at poll k (time t): counts cycle so that every station is full and empty at times. */
function stationsAt(k: number, t: number): StationAt[] {
  const a = (k * 7) % 21;
  const b = (k * 3) % 11;
  const c = (k * 5) % 16;
  return [
    { id: 'A', place: 'louvre', bikes: a, docks: 20 - a },
    { id: 'B', place: 'bastille', bikes: b, docks: 10 - b },
    { id: 'C', place: t < MOVE ? 'republique' : 'chatelet', bikes: c, docks: 15 - c },
  ];
}

const POLLS = Array.from({ length: (LAST - FIRST) / STEP + 1 }, (_, k) => FIRST + k * STEP)
  .filter((t) => t < OUTAGE.start || t >= OUTAGE.end)
  .map((t, k) => ({ t, stations: stationsAt(k, t) }));

/** Paris in March 2026: UTC+1 until Sunday 29, 02:00 local, UTC+2 from 03:00 on; 02:00-03:00 never happens. */
function parisInstant(day: string, hour: number): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour) / 1000;
  const switchWall = Date.UTC(2026, 2, 29, 2) / 1000;
  if (wall >= switchWall + 3600) return wall - 7200;
  return wall >= switchWall ? switchWall - 3600 : wall - 3600;
}

/** A second system, Saturday 24 October 2026 23:00 to Monday 26, 01:00 in Paris: Sunday has 25 hours. */
const FALL_FIRST = Date.UTC(2026, 9, 24, 21) / 1000;
const FALL_LAST = Date.UTC(2026, 9, 26, 0) / 1000;
const FALL_POLLS = Array.from({ length: (FALL_LAST - FALL_FIRST) / STEP + 1 }, (_, k) => FALL_FIRST + k * STEP).map((t, k) => ({ t, stations: stationsAt(k, t) }));

/** Paris in October 2026: UTC+2 until Sunday 25, 03:00 local (01:00 UTC), UTC+1 from then on; 02:00-03:00 happens twice. */
function parisFallInstant(day: string, hour: number): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour) / 1000;
  return wall < Date.UTC(2026, 9, 25, 3) / 1000 ? wall - 7200 : wall - 3600;
}

interface Sums {
  observed: number;
  bike: number;
  dock: number;
  full: number;
  empty: number;
}

/** Per res-10 cell, the integrals over the windows, straight from the polls. */
function expectedSums(windows: Array<[number, number]>, polls: ReadonlyArray<{ t: number; stations: StationAt[] }> = POLLS): Map<string, Sums> {
  const sums = new Map<string, Sums>();
  for (let k = 0; k + 1 < polls.length; k++) {
    const { t, stations } = polls[k];
    const next = polls[k + 1].t;
    if (next - t > MAX_GAP) continue;
    for (const [start, end] of windows) {
      const seconds = Math.min(next, end) - Math.max(t, start);
      if (seconds <= 0) continue;
      for (const s of stations) {
        const cell = cellOf(s.place);
        const sum = sums.get(cell) ?? { observed: 0, bike: 0, dock: 0, full: 0, empty: 0 };
        sum.observed += seconds;
        sum.bike += s.bikes * seconds;
        sum.dock += s.docks * seconds;
        if (s.docks === 0) sum.full += seconds;
        if (s.bikes === 0) sum.empty += seconds;
        sums.set(cell, sum);
      }
    }
  }
  return sums;
}

const windowsOf = (days: string[], from = 0, to = 24): Array<[number, number]> => days.map((day) => [parisInstant(day, from), parisInstant(day, to)]);
const occupancy = (s: Sums) => s.bike / (s.bike + s.dock);

/** The polls as a feed serves them. */
const feedPolls = (polls = POLLS): ScriptedPoll[] =>
  polls.map(({ t, stations }) => ({
    t,
    stations: stations.map((s) => ({ ...s, name: `Station ${s.id}`, lat: PLACES[s.place][0], lon: PLACES[s.place][1], capacity: s.bikes + s.docks })),
  }));

describe.each(DATABASE_KINDS)('periods of /api/hotspots on %s', (kind) => {
  let appDb: AppTestDatabase;
  let feed: ScriptedFeed;
  let fallFeed: ScriptedFeed;

  const hotspots = async (query: string, system = 'periods'): Promise<HotspotsResponse> => {
    const response = await hotspotsRoute(new Request(`http://localhost/api/hotspots?system=${system}&${query}`));
    expect(response.status, query).toBe(200);
    return hotspotsResponseSchema.parse(await response.json());
  };
  const valuesOf = (answer: HotspotsResponse) => new Map(answer.hexagons.map((h) => [h.h3, h.value]));
  const expectValues = (answer: HotspotsResponse, expected: Map<string, number>) => {
    const values = valuesOf(answer);
    expect([...values.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [cell, value] of expected) expect(values.get(cell), cell).toBeCloseTo(value, 9);
  };

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    feed = await scriptedFeed('periods', 'Europe/Paris', feedPolls());
    fallFeed = await scriptedFeed('fallback', 'Europe/Paris', feedPolls(FALL_POLLS));
    process.env.GBFS_SYSTEMS = `periods=${feed.url},fallback=${fallFeed.url}`;
    process.env.MAX_GAP_SECONDS = String(MAX_GAP);
    appDb = await pointAppAtTestDatabase(kind, 'periods');
    const { db } = await getDatabase();
    const system = { id: 'periods', gbfsUrl: feed.url };
    for (let k = 0; k < POLLS.length; k++) {
      feed.setPoll(k);
      expect((await pollSystem(db, system, 'test', { ...getConfig(), FETCH_RETRIES: 0 })).status).toBe('ok');
    }
    for (let k = 0; k < FALL_POLLS.length; k++) {
      fallFeed.setPoll(k);
      expect((await pollSystem(db, { id: 'fallback', gbfsUrl: fallFeed.url }, 'test', { ...getConfig(), FETCH_RETRIES: 0 })).status).toBe('ok');
    }
  }, 120_000);
  afterAll(async () => {
    await appDb.release();
    await feed?.close();
    await fallFeed?.close();
    delete process.env.MAX_GAP_SECONDS;
    delete process.env.GBFS_SYSTEMS;
  });

  const DAYS = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'];

  it('sums a period across the DST change, the moved station in both of its hexagons, the outage unobserved', async () => {
    const answer = await hotspots('start=2026-03-27&end=2026-03-30');
    const sums = expectedSums(windowsOf(DAYS));
    expectValues(answer, new Map([...sums].map(([cell, s]) => [cell, occupancy(s)])));
    expect(answer.period).toEqual({ start: '2026-03-27', end: '2026-03-30', days: 4, daysWithData: 4, weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(answer.date).toBeNull();
    expect(answer.window).toEqual({ from: 0, to: 24, start: '2026-03-26T23:00:00.000Z', end: '2026-03-30T22:00:00.000Z' });
    expect(sums.size).toBe(4);
    // One sum over the period, not an average of daily values: Sunday's 23 hours weigh as they were.
    const perDay = DAYS.map((day) => occupancy(expectedSums(windowsOf([day])).get(cellOf('louvre'))!));
    expect(valuesOf(answer).get(cellOf('louvre'))).not.toBeCloseTo(perDay.reduce((a, b) => a + b) / 4, 6);
  });

  it('keeps the weekend mornings only: weekdays=6,7 and 7-10 h of each day', async () => {
    const answer = await hotspots('start=2026-03-27&end=2026-03-30&weekdays=6,7&from=7&to=10&metric=full');
    const sums = expectedSums(windowsOf(['2026-03-28', '2026-03-29'], 7, 10));
    expectValues(answer, new Map([...sums].map(([cell, s]) => [cell, s.full / s.observed])));
    expect(answer.period).toMatchObject({ days: 2, daysWithData: 2, weekdays: [6, 7] });
    expect(answer.window.start).toBe('2026-03-28T06:00:00.000Z');
    expect(answer.window.end).toBe('2026-03-29T08:00:00.000Z');
  });

  it('answers the empty metric over the period, and coverage that counts the outage and Sunday’s 23 hours', async () => {
    const answer = await hotspots('start=2026-03-28&end=2026-03-29&metric=empty');
    const sums = expectedSums(windowsOf(['2026-03-28', '2026-03-29']));
    expectValues(answer, new Map([...sums].map(([cell, s]) => [cell, s.empty / s.observed])));
    const bastille = answer.hexagons.find((h) => h.h3 === cellOf('bastille'))!;
    expect(bastille.coverage).toBeCloseTo(sums.get(cellOf('bastille'))!.observed / (47 * 3600), 9);
  });

  it('compares Monday with Friday: a hexagon of one period only has no delta, the others are ranked by |delta|', async () => {
    const answer = await hotspots('date=2026-03-30&baseDate=2026-03-27');
    const now = expectedSums(windowsOf(['2026-03-30']));
    const before = expectedSums(windowsOf(['2026-03-27']));
    expect(answer.base).toEqual({ start: '2026-03-27', end: '2026-03-27', days: 1, daysWithData: 1, weekdays: [1, 2, 3, 4, 5, 6, 7] });
    const byCell = new Map(answer.hexagons.map((h) => [h.h3, h]));
    expect(byCell.get(cellOf('republique'))).toMatchObject({ value: null, delta: null, deltaWeight: null });
    expect(byCell.get(cellOf('republique'))!.baseValue).toBeCloseTo(occupancy(before.get(cellOf('republique'))!), 9);
    expect(byCell.get(cellOf('chatelet'))).toMatchObject({ baseValue: null, delta: null });
    const deltas = (['louvre', 'bastille'] as const).map((place) => occupancy(now.get(cellOf(place))!) - occupancy(before.get(cellOf(place))!));
    const largest = Math.max(...deltas.map(Math.abs));
    for (const [i, place] of (['louvre', 'bastille'] as const).entries()) {
      expect(byCell.get(cellOf(place))!.delta, place).toBeCloseTo(deltas[i], 9);
      expect(byCell.get(cellOf(place))!.deltaWeight, place).toBeCloseTo(deltas[i] / largest, 9);
    }
    expect(answer.hexagons.slice(0, 2).map((h) => Math.abs(h.delta!))).toEqual([...deltas.map(Math.abs)].sort((a, b) => b - a).map((d) => expect.closeTo(d, 9)));
    expect(answer.hexagons.map((h) => h.rank)).toEqual([1, 2, 3, 4]);
  });

  it('says how many selected days had data: none on the Tuesdays of the period, and a CSV of a comparison has its columns', async () => {
    const tuesdays = await hotspots('start=2026-03-27&end=2026-03-30&weekdays=2');
    expect(tuesdays.period).toMatchObject({ days: 0, daysWithData: 0 });
    expect(tuesdays.hexagons).toEqual([]);
    const later = await hotspots('start=2026-03-30&end=2026-04-05');
    expect(later.period).toMatchObject({ days: 7, daysWithData: 1 });
    const csv = await (await hotspotsRoute(new Request('http://localhost/api/hotspots?system=periods&date=2026-03-30&baseDate=2026-03-27&format=csv'))).text();
    expect(csv.split('\n')[0]).toBe('h3,lat,lon,weight,value,rank,stations,coverage,baseValue,delta,deltaWeight');
  });

  it('gives the typical week: per weekday and local hour the integrals of every such hour, through the formula once', async () => {
    const response = await profileRoute(new Request('http://localhost/api/profile?system=periods&start=2026-03-27&end=2026-03-30'));
    expect(response.status).toBe(200);
    const profile = profileResponseSchema.parse(await response.json());
    expect(profile).toMatchObject({ weekdays: [1, 2, 3, 4, 5, 6, 7], hours: Array.from({ length: 24 }, (_, h) => h), metric: 'occupancy', h3: null });
    const dayOf: Record<number, string> = { 1: '2026-03-30', 5: '2026-03-27', 6: '2026-03-28', 7: '2026-03-29' };
    for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
      for (let hour = 0; hour < 24; hour++) {
        const day = dayOf[weekday];
        const sums = day ? [...expectedSums(windowsOf([day], hour, hour + 1)).values()] : [];
        const observed = sums.reduce((t, s) => t + s.observed, 0);
        const value = profile.values[weekday - 1][hour];
        if (observed === 0) {
          expect(value, `weekday ${weekday} ${hour}:00`).toBeNull();
          continue;
        }
        const bike = sums.reduce((t, s) => t + s.bike, 0);
        const dock = sums.reduce((t, s) => t + s.dock, 0);
        expect(value, `weekday ${weekday} ${hour}:00`).toBeCloseTo(bike / (bike + dock), 9);
        expect(profile.coverage[weekday - 1][hour], `weekday ${weekday} ${hour}:00`).toBeCloseTo(observed / (3 * 3600), 9);
      }
    }
    // Sunday 02:00 never happened in Paris; Saturday 10:00 fell in the outage.
    expect(profile.values[6][2]).toBeNull();
    expect(profile.values[5][10]).toBeNull();
  });

  it('gives one hexagon its own typical week, and names a bad parameter', async () => {
    const louvre = cellOf('louvre');
    const profile = profileResponseSchema.parse(await (await profileRoute(new Request(`http://localhost/api/profile?system=periods&start=2026-03-28&end=2026-03-28&h3=${louvre}&metric=full`))).json());
    const sums = expectedSums(windowsOf(['2026-03-28'], 8, 9)).get(louvre)!;
    expect(profile.values[5][8]).toBeCloseTo(sums.full / sums.observed, 9);
    expect(profile.values[0].every((v) => v === null)).toBe(true);
    const bad = await profileRoute(new Request('http://localhost/api/profile?system=periods&start=2026-03-28'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { parameter: 'end', message: 'end: end is required (YYYY-MM-DD)' } });
  });
  it('sums the fall-back Sunday over its 25 hours: its 02:00 window holds both 02:00 hours, coverage counts 25 hours', async () => {
    const FALL_DAY = '2026-10-25';
    const day = await hotspots(`date=${FALL_DAY}`, 'fallback');
    // 00:00 CEST to 24:00 CET.
    expect(day.window).toEqual({ from: 0, to: 24, start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T23:00:00.000Z' });
    const daySums = expectedSums([[parisFallInstant(FALL_DAY, 0), parisFallInstant(FALL_DAY, 24)]], FALL_POLLS);
    expectValues(day, new Map([...daySums].map(([cell, s]) => [cell, occupancy(s)])));
    // Polled all day long: each station observed 25 hours of a 25-hour day.
    for (const place of ['louvre', 'bastille', 'chatelet'] as const) {
      expect(daySums.get(cellOf(place))!.observed).toBe(25 * 3600);
      expect(day.hexagons.find((h) => h.h3 === cellOf(place))!.coverage, place).toBeCloseTo(1, 9);
    }

    const twoAm = await hotspots(`date=${FALL_DAY}&from=2&to=3&metric=empty`, 'fallback');
    // 02:00 CEST to 03:00 CET: two hours.
    expect(twoAm.window).toMatchObject({ start: '2026-10-25T00:00:00.000Z', end: '2026-10-25T02:00:00.000Z' });
    const twoAmSums = expectedSums([[parisFallInstant(FALL_DAY, 2), parisFallInstant(FALL_DAY, 3)]], FALL_POLLS);
    expect(twoAmSums.get(cellOf('louvre'))!.observed).toBe(7200);
    expectValues(twoAm, new Map([...twoAmSums].map(([cell, s]) => [cell, s.empty / s.observed])));

    // The typical week of that day: Sunday 02:00 is both hours, its coverage over 7,200 s a station.
    const profile = profileResponseSchema.parse(await (await profileRoute(new Request(`http://localhost/api/profile?system=fallback&start=${FALL_DAY}&end=${FALL_DAY}`))).json());
    for (let hour = 0; hour < 24; hour++) {
      const sums = [...expectedSums([[parisFallInstant(FALL_DAY, hour), parisFallInstant(FALL_DAY, hour + 1)]], FALL_POLLS).values()];
      const observed = sums.reduce((t, s) => t + s.observed, 0);
      const bike = sums.reduce((t, s) => t + s.bike, 0);
      const dock = sums.reduce((t, s) => t + s.dock, 0);
      expect(observed, `${hour}:00`).toBe((hour === 2 ? 7200 : 3600) * 3);
      expect(profile.values[6][hour], `${hour}:00`).toBeCloseTo(bike / (bike + dock), 9);
      expect(profile.coverage[6][hour], `${hour}:00`).toBeCloseTo(observed / (3 * (hour === 2 ? 7200 : 3600)), 9);
    }
  });
});
