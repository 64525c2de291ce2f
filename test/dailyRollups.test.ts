/**
 * The daily tier (station_daily) against the hourly rollups it is kept beside, on both engines:
 * hand-built polls stored through the real load, in Paris over ten days around the October 2025
 * fall-back (a 25-hour Sunday; every weekday of the first days comes again), with polls 17 minutes apart (intervals cross hours and
 * midnights), a station absent for hours, one moving cell, one appearing and one leaving, and a
 * whole day without polls; and in Asia/Kolkata, whose local hours start at :30 UTC. The expected
 * tier is the hourly rows summed to date by Postgres's own local date, weekday and hour, sharing
 * no code with lib/hotspots/dailySlots.ts or lib/hotspots/storeDaily.ts. The system tier (system_daily)
 * must be the sum of each day's station slice (after the polls, migration 0007's fill and a
 * rebuild), and the typical week read from the tiers must equal the one computed from the polls
 * themselves in plain code (test/support/referenceProfile.ts, no rollup and no lib/ helper), for
 * every metric, the whole system and hexagons of three sizes, the 25-hour Sunday included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import type { StationStatus } from '@/lib/gbfs/types';
import { addDays, localDayWindow, selectedDays } from '@/lib/calendar';
import { METRICS, type WindowFigures } from '@/lib/hotspots/types';
import { pruneHistory } from '@/lib/ingest/retention';
import { rebuildRollups } from '@/lib/hotspots/rebuild';
import { storePoll } from '@/lib/ingest/storePoll';
import { readWeekProfile } from '@/lib/profile/read';
import { observedDays, periodFigures, windowFigures } from '@/lib/hotspots/sql';
import { queryRows } from '@/db/rows';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';
import { referenceSecondsPerCell, referenceWeekProfile, type RawPoll } from './support/referenceProfile';

process.env.LOG_LEVEL = 'silent';

const MAX_GAP = 1500;
const STEP = 1020;
const INTEGRALS = ['observed', 'bike', 'typed', 'ebike', 'mechanical', 'dock', 'full', 'empty'] as const;

const PLACES = {
  louvre: [48.8606, 2.3376],
  bastille: [48.8532, 2.3692],
  republique: [48.8674, 2.3636],
  chatelet: [48.8584, 2.3474],
  nation: [48.8483, 2.3959],
  opera: [48.8708, 2.3317],
} as const;
type Place = keyof typeof PLACES;

interface HandSystem {
  id: string;
  timezone: string;
  first: number;
  last: number;
  /** No poll in [start, end). */
  outage?: { start: number; end: number };
  /** The stations listed and reporting at poll k (time t). */
  stationsAt: (k: number, t: number) => Array<{ id: string; place: Place; bikes: number; docks: number; ebikes?: number; reporting?: boolean }>;
}

const utc = (iso: string) => Date.parse(iso) / 1000;

const PARIS: HandSystem = {
  id: 'paris',
  timezone: 'Europe/Paris',
  // Thursday 23 October 2025, 00:00 in Paris, to Saturday 1 November, 13:00.
  first: utc('2025-10-22T22:00:00Z'),
  last: utc('2025-11-01T12:00:00Z'),
  // All of Friday 24 (and its edges): that day has no slice.
  outage: { start: utc('2025-10-23T21:30:00Z'), end: utc('2025-10-25T00:30:00Z') },
  stationsAt: (k, t) => {
    const a = (k * 7) % 21;
    const b = (k * 3) % 11;
    const c = (k * 5) % 16;
    return [
      { id: 'A', place: 'louvre', bikes: a, docks: 20 - a, ebikes: a % 4 },
      // Listed but missing from station_status through the fall-back night.
      { id: 'B', place: 'bastille', bikes: b, docks: 10 - b, reporting: t < utc('2025-10-25T22:30:00Z') || t >= utc('2025-10-26T05:00:00Z') },
      { id: 'C', place: t < utc('2025-10-27T11:00:00Z') ? 'republique' : 'chatelet', bikes: c, docks: 15 - c },
      ...(t >= utc('2025-10-26T09:00:00Z') ? [{ id: 'D', place: 'nation' as const, bikes: k % 9, docks: 8 - (k % 9) + 1 }] : []),
      ...(t < utc('2025-10-25T11:00:00Z') ? [{ id: 'E', place: 'opera' as const, bikes: 0, docks: 12 }] : []),
    ];
  },
};

const KOLKATA: HandSystem = {
  id: 'kolkata',
  timezone: 'Asia/Kolkata',
  // 10 June 2025, 22:00 in Kolkata, to 12 June, 02:00.
  first: utc('2025-06-09T16:30:00Z'),
  last: utc('2025-06-11T20:30:00Z'),
  stationsAt: (k) => [
    { id: 'K1', place: 'louvre', bikes: k % 13, docks: 12 },
    { id: 'K2', place: 'bastille', bikes: 3, docks: k % 7 },
  ],
};

function pollTimes(system: HandSystem): number[] {
  const times: number[] = [];
  for (let t = system.first; t <= system.last; t += STEP) if (!system.outage || t < system.outage.start || t >= system.outage.end) times.push(t);
  return times;
}

function snapshotOf(system: HandSystem, k: number, t: number): Snapshot {
  const stations = system.stationsAt(k, t);
  const statuses: StationStatus[] = stations
    .filter((s) => s.reporting !== false)
    .map((s) => ({
      stationId: s.id,
      bikes: s.bikes,
      docks: s.docks,
      ebikes: s.ebikes ?? null,
      mechanical: s.ebikes === undefined ? null : s.bikes - s.ebikes,
      isInstalled: true,
      isRenting: true,
      isReturning: true,
      lastReported: t,
    }));
  return {
    system: { systemId: system.id, name: system.id, timezone: system.timezone, language: null },
    version: '2.3',
    feedTime: t,
    fetchedAt: t,
    ttl: 60,
    stations: stations.map((s) => ({
      stationId: s.id,
      name: `Station ${s.id}`,
      code: null,
      lat: PLACES[s.place][0],
      lon: PLACES[s.place][1],
      capacity: 20,
      h3: latLngToCell(PLACES[s.place][0], PLACES[s.place][1], 10),
    })),
    statuses,
    skipped: {},
    clampedLastReported: 0,
  };
}

/** The polls as the feed gave them, for the reference: each listed station, present or not in station_status. */
function rawPolls(system: HandSystem): RawPoll[] {
  return pollTimes(system).map((t, k) => {
    const snapshot = snapshotOf(system, k, t);
    return {
      t,
      stations: snapshot.stations.map((station) => {
        const status = snapshot.statuses.find((s) => s.stationId === station.stationId);
        return {
          id: station.stationId,
          h3: station.h3,
          present: status !== undefined,
          installed: status?.isInstalled ?? false,
          bikes: status?.bikes ?? 0,
          docks: status?.docks ?? 0,
          ebikes: status?.ebikes ?? null,
          mechanical: status?.mechanical ?? null,
        };
      }),
    };
  });
}

interface SystemDayRow {
  day: string;
  toDate: number[];
  slots: number[][];
}

interface DailyRow extends SystemDayRow {
  station_id: string;
  h3: string;
}

/** A tier's rows of one system, day by day (then station and cell). */
async function tierRows(db: TestDatabase['db'], table: 'station_daily' | 'system_daily', systemId: string) {
  const order = sql.raw(table === 'station_daily' ? 'local_day, station_id, h3' : 'local_day');
  return queryRows<Record<string, unknown>>(db, sql`select to_char(local_day, 'YYYY-MM-DD') as day, * from ${sql.raw(table)} where system_id = ${systemId} order by ${order}`);
}

/** A tier row's day, totals to date and weekday slots, integral by integral. */
const dayOf = (row: Record<string, unknown>): SystemDayRow => ({
  day: row.day as string,
  toDate: INTEGRALS.map((i) => row[`${i}_to_date`] as number),
  slots: INTEGRALS.map((i) => row[`${i}_weekday_slots`] as number[]),
});

async function dailyTable(db: TestDatabase['db'], systemId: string): Promise<DailyRow[]> {
  const rows = await tierRows(db, 'station_daily', systemId);
  return rows.map((row) => ({ station_id: row.station_id as string, h3: row.h3 as string, ...dayOf(row) }));
}

async function systemTier(db: TestDatabase['db'], systemId: string): Promise<SystemDayRow[]> {
  return (await tierRows(db, 'system_daily', systemId)).map(dayOf);
}

/** The stations' slices summed per day, integral and slot: what the system tier must hold. */
function summedSlices(daily: DailyRow[]): SystemDayRow[] {
  const days = new Map<string, SystemDayRow>();
  for (const row of daily) {
    const sum = days.get(row.day) ?? { day: row.day, toDate: INTEGRALS.map(() => 0), slots: INTEGRALS.map(() => Array<number>(24).fill(0)) };
    row.toDate.forEach((value, i) => (sum.toDate[i] += value));
    row.slots.forEach((slots, i) => slots.forEach((value, k) => (sum.slots[i][k] += value)));
    days.set(row.day, sum);
  }
  return [...days.values()];
}

/**
 * station_hourly summed by Postgres's local date, weekday and hour: every day from the first with
 * data to the newest holds every station and cell seen by then, with its totals to date and, per
 * hour, its totals over the days of that weekday to date.
 */
async function expectedDailyTable(db: TestDatabase['db'], system: HandSystem): Promise<DailyRow[]> {
  const hourly = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_char((hour_start at time zone ${system.timezone})::date, 'YYYY-MM-DD') as day,
          extract(isodow from hour_start at time zone ${system.timezone})::int as weekday,
          extract(hour from hour_start at time zone ${system.timezone})::int as hour, *
        from station_hourly where system_id = ${system.id}`,
  );
  const dataDays = [...new Set(hourly.map((row) => row.day as string))].sort();
  const zeros = () => INTEGRALS.map(() => Array<number>(24).fill(0));
  const series = new Map<string, { station_id: string; h3: string; toDate: number[]; weekdaySlots: number[][][] }>();
  const table: DailyRow[] = [];
  for (let day = dataDays[0]; day <= dataDays.at(-1)!; day = addDays(day, 1)) {
    let weekday = 0;
    for (const row of hourly.filter((r) => r.day === day)) {
      const key = `${row.station_id} ${row.h3}`;
      if (!series.has(key)) series.set(key, { station_id: row.station_id as string, h3: row.h3 as string, toDate: INTEGRALS.map(() => 0), weekdaySlots: Array.from({ length: 8 }, zeros) });
      const s = series.get(key)!;
      weekday = row.weekday as number;
      INTEGRALS.forEach((integral, i) => {
        const value = row[`${integral}_s`] as number;
        s.toDate[i] += value;
        s.weekdaySlots[weekday][i][row.hour as number] += value;
      });
    }
    const isoWeekdayOfDay = new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
    for (const [, s] of [...series.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      table.push({ day, station_id: s.station_id, h3: s.h3, toDate: [...s.toDate], slots: s.weekdaySlots[isoWeekdayOfDay].map((slots) => [...slots]) });
    }
  }
  return table.sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.station_id !== b.station_id ? (a.station_id < b.station_id ? -1 : 1) : a.h3 < b.h3 ? -1 : 1));
}

const bySeries = (rows: WindowFigures[]) => [...rows].sort((a, b) => (a.stationId !== b.stationId ? (a.stationId < b.stationId ? -1 : 1) : a.h3 < b.h3 ? -1 : 1));

/** The same question asked of the hourly rollups: each day's window summed, per station and cell. */
async function hourlyAnswer(db: TestDatabase['db'], system: HandSystem, days: string[], from: number, to: number) {
  const sums = new Map<string, WindowFigures>();
  const withData: string[] = [];
  for (const day of days) {
    const window = localDayWindow(day, from, to, system.timezone);
    const rows = window.end > window.start ? await windowFigures(db, system.id, window.start, window.end) : [];
    if (rows.length > 0) withData.push(day);
    for (const row of rows) {
      const key = `${row.stationId} ${row.h3}`;
      const sum = sums.get(key) ?? { ...row, ...Object.fromEntries(INTEGRALS.map((i) => [`${i}S`, 0])) };
      for (const i of INTEGRALS) (sum as unknown as Record<string, number>)[`${i}S`] += (row as unknown as Record<string, number>)[`${i}S`];
      sums.set(key, sum);
    }
  }
  return { figures: bySeries([...sums.values()]), withData };
}

describe.each(DATABASE_KINDS)('the daily tier on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    for (const system of [PARIS, KOLKATA]) {
      for (const [k, t] of pollTimes(system).entries()) {
        const stored = await storePoll(database.db, {
          systemId: system.id,
          gbfsUrl: `http://${system.id}`,
          snapshot: snapshotOf(system, k, t),
          maxGapSeconds: MAX_GAP,
          run: { systemId: system.id, trigger: 'test', startedAt: Date.now() },
        });
        expect(stored.status).toBe('ok');
      }
    }
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it.each([PARIS, KOLKATA])('equals the hourly rollups summed per local day and hour, with totals to date ($id)', async (system) => {
    const daily = await dailyTable(database.db, system.id);
    expect(daily).toEqual(await expectedDailyTable(database.db, system));
    const days = [...new Set(daily.map((row) => row.day))];
    if (system === PARIS) {
      // Friday had no poll: its slice carries Thursday's.
      expect(days).toEqual(selectedDays('2025-10-23', '2025-11-01', [1, 2, 3, 4, 5, 6, 7]));
      const thursday = daily.filter((row) => row.day === '2025-10-23');
      expect(daily.filter((row) => row.day === '2025-10-24').map((row) => row.toDate)).toEqual(thursday.map((row) => row.toDate));
      // Both 02:00 hours of the fall-back Sunday in slot 2: 7,200 observed seconds for A.
      const sunday = daily.find((row) => row.day === '2025-10-26' && row.station_id === 'A')!;
      expect(sunday.slots[0][2]).toBe(7200);
      // E left on Saturday, C moved on Monday: both still in Tuesday's slice; E never earned on a Tuesday.
      const tuesday = daily.filter((row) => row.day === '2025-10-28');
      expect(tuesday.map((row) => row.station_id)).toEqual(['A', 'B', 'C', 'C', 'D', 'E']);
      expect(tuesday.find((row) => row.station_id === 'E')!.slots[0].every((s) => s === 0)).toBe(true);
    } else {
      expect(days).toEqual(['2025-06-09', '2025-06-10', '2025-06-11', '2025-06-12']);
    }
  });

  it.each([PARIS, KOLKATA])('keeps the system tier equal to the sum of the stations\' slices, every day ($id)', async (system) => {
    const tier = await systemTier(database.db, system.id);
    expect(tier.length).toBeGreaterThan(0);
    expect(tier).toEqual(summedSlices(await dailyTable(database.db, system.id)));
  });

  it('is filled by migration 0007 from the station_daily already stored as the polls keep it', async () => {
    const kept = { paris: await systemTier(database.db, PARIS.id), kolkata: await systemTier(database.db, KOLKATA.id) };
    const statements = fs.readFileSync(path.join(import.meta.dirname, '../db/migrations/0007_system_daily.sql'), 'utf8').split('--> statement-breakpoint');
    const backfill = statements.at(-1)!;
    expect(backfill).toMatch(/INSERT INTO "system_daily"/);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`delete from system_daily`);
      await tx.execute(sql.raw(backfill));
    });
    expect(await systemTier(database.db, PARIS.id)).toEqual(kept.paris);
    expect(await systemTier(database.db, KOLKATA.id)).toEqual(kept.kolkata);
  });

  // The whole system, one station's cell, and coarser hexagons holding several stations (C moves
  // between two cells of one resolution-7 hexagon, so it has two rows there).
  const hexagons = [null, latLngToCell(...PLACES.louvre, 10), cellToParent(latLngToCell(...PLACES.republique, 10), 8), cellToParent(latLngToCell(...PLACES.louvre, 10), 7)];
  // [system, start, end, whether anything was observed]: the outage day and the days after the last observe nothing.
  const weeks: Array<[string, string, string, boolean]> = [
    [PARIS.id, '2025-10-20', '2025-11-05', true],
    [PARIS.id, '2025-10-25', '2025-10-30', true],
    [PARIS.id, '2025-10-24', '2025-10-24', false],
    // The fall-back Sunday alone: its two 02:00 hours in one cell.
    [PARIS.id, '2025-10-26', '2025-10-26', true],
    [PARIS.id, '2025-11-02', '2025-11-09', false],
    [KOLKATA.id, '2025-06-01', '2025-06-30', true],
  ];
  it.each(weeks)('answers the typical week of %s, %s to %s, for every metric and hexagon, as the polls say', async (id, start, end, observes) => {
    const system = id === PARIS.id ? PARIS : KOLKATA;
    const polls = rawPolls(system);
    let observed = 0;
    for (const metric of METRICS) {
      for (const h3 of system === PARIS ? hexagons : [null]) {
        const question = { start, end, metric, h3 };
        const [actual, expected] = [await readWeekProfile(database.db, system, question), referenceWeekProfile(polls, { timezone: system.timezone, maxGapSeconds: MAX_GAP }, question)];
        const label = `${metric} ${h3 ?? 'system'}`;
        expect(actual.values.map((row) => row.map((v) => v === null)), label).toEqual(expected.values.map((row) => row.map((v) => v === null)));
        expected.values.forEach((row, i) =>
          row.forEach((value, j) => {
            if (value !== null) expect(actual.values[i][j], `${label} [${i}][${j}]`).toBeCloseTo(value, 12);
            expect(actual.coverage[i][j], `${label} coverage [${i}][${j}]`).toBeCloseTo(expected.coverage[i][j], 12);
          }),
        );
        observed += expected.values.flat().filter((v) => v !== null).length;
      }
    }
    expect(observed > 0).toBe(observes);
  });

  it('counts the fall-back Sunday as 25 hours: its 02:00 twice, in the reference and in the tiers', async () => {
    const hours = referenceSecondsPerCell('2025-10-26', '2025-10-26', PARIS.timezone)[6];
    expect(hours.reduce((sum, s) => sum + s, 0)).toBe(25 * 3600);
    expect(hours[2]).toBe(7200);
    expect(referenceSecondsPerCell('2025-06-10', '2025-06-10', KOLKATA.timezone)[1].every((s) => s === 3600)).toBe(true);
    // That Sunday, A, B, C and D were observed; at 02:00 (both of them) only A and C, B being
    // missing from 00:30 to 06:00: 2 stations × 7,200 s over 4 stations × 7,200 s.
    const sunday = await readWeekProfile(database.db, PARIS, { start: '2025-10-26', end: '2025-10-26', metric: 'occupancy', h3: null });
    expect(sunday.coverage[6][2]).toBeCloseTo(0.5, 12);
    expect(sunday.coverage[6][1]).toBeCloseTo(0.5, 12);
  });

  const questions: Array<[string, string, string, number[], number, number]> = [
    ['all of it and more', '2025-10-20', '2025-11-05', [1, 2, 3, 4, 5, 6, 7], 0, 24],
    ['one day', '2025-10-26', '2025-10-26', [1, 2, 3, 4, 5, 6, 7], 0, 24],
    ['one day a week after another', '2025-10-30', '2025-10-30', [1, 2, 3, 4, 5, 6, 7], 0, 24],
    ['a run inside the data', '2025-10-25', '2025-10-30', [1, 2, 3, 4, 5, 6, 7], 0, 24],
    ['weekends and Tuesdays', '2025-10-23', '2025-11-01', [2, 6, 7], 0, 24],
    ['a weekend asked as Saturdays and Sundays', '2025-10-25', '2025-10-26', [6, 7], 0, 24],
    ['the second Friday, whose first fell in the outage', '2025-10-24', '2025-10-31', [5], 0, 24],
    ['the fall-back hour of every day', '2025-10-23', '2025-11-01', [1, 2, 3, 4, 5, 6, 7], 2, 3],
    ['evenings across the outage', '2025-10-23', '2025-10-28', [1, 2, 3, 4, 5, 6, 7], 17, 24],
    ['the mornings of the second week', '2025-10-27', '2025-11-01', [1, 2, 3, 4, 5, 6, 7], 6, 10],
    ['mornings of weekdays', '2025-10-20', '2025-10-31', [1, 2, 3, 4, 5], 0, 9],
    ['an hour of one day', '2025-10-31', '2025-10-31', [1, 2, 3, 4, 5, 6, 7], 8, 9],
    ['days before any data', '2025-10-01', '2025-10-20', [1, 2, 3, 4, 5, 6, 7], 0, 24],
    ['days after the last, whole and some hours', '2025-11-02', '2025-11-09', [1, 2, 3, 4, 5, 6, 7], 0, 24],
    ['hours of days after the last', '2025-11-02', '2025-11-09', [1, 2, 3, 4, 5, 6, 7], 5, 20],
    ['the outage day alone', '2025-10-24', '2025-10-24', [1, 2, 3, 4, 5, 6, 7], 0, 24],
  ];
  it.each(questions)('answers %s as the hourly rollups do', async (_, start, end, weekdays, from, to) => {
    const days = selectedDays(start, end, weekdays);
    const expected = await hourlyAnswer(database.db, PARIS, days, from, to);
    const selection = { start, end, weekdays, from, to };
    expect(bySeries(await periodFigures(database.db, PARIS.id, selection))).toEqual(expected.figures);
    expect(await observedDays(database.db, PARIS.id, selection)).toEqual(expected.withData);
  });

  it('is rebuilt identically from the stored history, also once raw history is pruned inside a day', async () => {
    const incremental = { paris: await dailyTable(database.db, PARIS.id), kolkata: await dailyTable(database.db, KOLKATA.id) };
    const systems = { paris: await systemTier(database.db, PARIS.id), kolkata: await systemTier(database.db, KOLKATA.id) };
    await rebuildRollups(database.db, PARIS.id, MAX_GAP);
    await rebuildRollups(database.db, KOLKATA.id, MAX_GAP);
    expect(await dailyTable(database.db, PARIS.id)).toEqual(incremental.paris);
    expect(await dailyTable(database.db, KOLKATA.id)).toEqual(incremental.kolkata);
    expect(await systemTier(database.db, PARIS.id)).toEqual(systems.paris);
    expect(await systemTier(database.db, KOLKATA.id)).toEqual(systems.kolkata);

    // Keeps the polls from Sunday 13:07 Paris on: the rebuild starts at 14:00, within Sunday's slice.
    const cut = utc('2025-10-26T12:07:00Z');
    expect((await pruneHistory(database.db, PARIS.id, 1, cut + 86_400)).polls).toBeGreaterThan(0);
    await rebuildRollups(database.db, PARIS.id, MAX_GAP);
    expect(await dailyTable(database.db, PARIS.id)).toEqual(incremental.paris);
    expect(await systemTier(database.db, PARIS.id)).toEqual(systems.paris);
  });
});
