/**
 * GET /api/episodes as a program calls it, on both engines: exact episodes of a hand-built poll
 * sequence stored through the real load (gaps, absence, a run still open), the rollups' seconds
 * for a simulated city polled through the cron route, the 400s naming their parameter, the 404,
 * and the CSV of the stations list. A simulated city's three days (runs across midnight, gaps in
 * polling, runs still open at the newest poll) answer exactly as the raw statuses computed at
 * request time do (test/support/referenceEpisodes.ts), and the table the polls kept equals what
 * the bulk import lands, what `npm run rebuild` rebuilds (also after pruning) and what migration
 * 0013 fills from the raw history.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { polledStatus } from '@/test/support/testPolls';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as episodesRoute } from '@/app/api/episodes/route';
import { episodesResponseSchema, type EpisodesResponse } from '@/lib/episodes/schemas';
import { getDatabase } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { localDayWindow } from '@/lib/calendar';
import { storePoll } from '@/lib/ingest/storePoll';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { simulatedSnapshots } from '@/simulator/series';
import { landSnapshots } from '@/lib/import/land';
import { rebuildEpisodes } from '@/lib/episodes/rebuildEpisodes';
import { pruneRawHistory } from '@/lib/ingest/retention';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { referenceEpisodes } from './support/referenceEpisodes';

const SECRET = 'episodes-secret-0123456789';
const SIM_START = Date.UTC(2025, 5, 3, 7, 0, 0) / 1000; // 09:00 in Paris, 3 June 2025: the commute has emptied and filled stations
const SIM_DAY = '2025-06-03';
const HAND_DAY = '2025-06-10';
const PARIS = 'Europe/Paris';

const get = (url: string) => episodesRoute(new Request(`http://localhost${url}`));
const cron = () => cronRoute(new Request('http://localhost/api/cron/ingest?system=paris', { headers: { authorization: `Bearer ${SECRET}` } }));
const hhmm = (time: string) => Date.parse(`${HAND_DAY}T${time}:00+02:00`) / 1000;
const iso = (time: string) => new Date(hhmm(time) * 1000).toISOString();

const PLACES = {
  a: { lat: 48.8584, lon: 2.3474 },
  b: { lat: 48.8606, lon: 2.3376 },
  c: { lat: 48.8532, lon: 2.3692 },
  d: { lat: 48.8674, lon: 2.3636 },
} as const;
type HandStation = keyof typeof PLACES;
const cellOf = (id: HandStation) => latLngToCell(PLACES[id].lat, PLACES[id].lon, 10);

const status = (stationId: string, bikes: number, docks: number) => polledStatus(stationId, bikes, docks);

/**
 * Polls every 5 minutes from 08:00 to 09:00, none between 08:30 and 08:50 (a gap of 20 minutes).
 * a: full from 08:05 on. b: full until 08:10 and from 08:20 to 08:25. c: empty until 08:15.
 * d: full, missing from the status feed at 08:10, back full at 08:15, not full from 08:20.
 */
const HAND_TIMES = ['08:00', '08:05', '08:10', '08:15', '08:20', '08:25', '08:30', '08:50', '08:55', '09:00'];

function handSnapshot(time: string): Snapshot {
  const during = (from: string, to = '99:99') => time >= from && time < to;
  const statuses = [
    during('08:05') ? status('a', 10, 0) : status('a', 5, 5),
    during('08:00', '08:10') || during('08:20', '08:25') ? status('b', 10, 0) : status('b', 5, 5),
    during('08:00', '08:15') ? status('c', 0, 12) : status('c', 3, 9),
    ...(during('08:10', '08:15') ? [] : [during('08:00', '08:20') ? status('d', 20, 0) : status('d', 10, 10)]),
  ];
  return {
    system: { systemId: 'hand', name: 'Hand-built', timezone: PARIS, language: null },
    version: '2.3',
    feedTime: hhmm(time),
    fetchedAt: hhmm(time),
    ttl: null,
    stations: (Object.keys(PLACES) as HandStation[]).map((id) => ({ stationId: id, name: `Station ${id.toUpperCase()}`, code: null, ...PLACES[id], capacity: 20, h3: cellOf(id) })),
    statuses,
    skipped: {},
    clampedLastReported: 0,
  };
}

async function episodes(query: string): Promise<EpisodesResponse> {
  const response = await get(`/api/episodes?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return episodesResponseSchema.parse(await response.json());
}

/** Σ full_s (or empty_s) per station of the hourly rollups over the period's local days. */
async function rollupSeconds(systemId: string, day: string, column: 'full_s' | 'empty_s'): Promise<Map<string, number>> {
  const window = localDayWindow(day, 0, 24, PARIS);
  const { db } = await getDatabase();
  const rows = await queryRows<{ stationId: string; seconds: number }>(
    db,
    sql`select station_id as "stationId", sum(${sql.identifier(column)})::float8 as seconds from station_hourly
        where system_id = ${systemId} and hour_start >= to_timestamp(${window.start}) and hour_start < to_timestamp(${window.end})
        group by station_id having sum(${sql.identifier(column)}) > 0`,
  );
  return new Map(rows.map((r) => [r.stationId, r.seconds]));
}

/** A simulated city of 150 stations polled every 10 minutes over three local days, 2-4 June 2025. */
const SIM_SERIES = { stations: 150, seed: 11, start: Date.UTC(2025, 5, 1, 21, 0, 0) / 1000, stepSeconds: 600, count: 3 * 144 + 6, worker: false };
const SIM_DAYS = ['2025-06-02', '2025-06-03', '2025-06-04'];
/**
 * Polls missing: 23:40-00:40 across the first midnight (an outage), 20 minutes on the second
 * afternoon (just over MAX_GAP_SECONDS), and one late poll 14 minutes after its predecessor
 * (just under it: no gap), so runs are cut and resumed around them.
 */
function simulatedTimes(): number[] {
  const times: number[] = [];
  for (let i = 0; i < SIM_SERIES.count; i++) times.push(SIM_SERIES.start + i * SIM_SERIES.stepSeconds);
  const paris = (iso: string) => Date.parse(iso) / 1000;
  const dropped = (t: number) =>
    (t > paris('2025-06-02T23:35:00+02:00') && t < paris('2025-06-03T00:45:00+02:00')) ||
    (t > paris('2025-06-03T15:05:00+02:00') && t < paris('2025-06-03T15:25:00+02:00'));
  return times.filter((t) => !dropped(t)).map((t) => (t === paris('2025-06-04T10:00:00+02:00') ? t + 240 : t));
}

const episodesTable = async (systemId: string) => {
  const { db } = await getDatabase();
  return queryRows<{ row: string }>(
    db,
    sql`select concat_ws(' ', kind, station_id, extract(epoch from start_time), extract(epoch from end_time)) as row
        from station_episodes where system_id = ${systemId} order by kind, station_id, start_time`,
  ).then((rows) => rows.map((r) => r.row));
};

const totalsOf = (body: EpisodesResponse) => new Map(body.stations.map((s) => [s.id, s.totalSeconds]));

describe.each(DATABASE_KINDS)('GET /api/episodes on %s', (kind) => {
  let sim: RunningSimulator;
  let appDb: AppTestDatabase;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    sim = await startSimulator({ variant: 'velib', stations: 240, seed: 3, startTime: SIM_START, stepSeconds: 300 });
    // "hand" is never fetched: its polls are stored directly, as the poller would store them.
    process.env.GBFS_SYSTEMS = `paris=${sim.gbfsUrl},hand=http://127.0.0.1:9/gbfs.json,city=http://127.0.0.1:9/city.json,landed=http://127.0.0.1:9/landed.json`;
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    appDb = await pointAppAtTestDatabase(kind, 'episodes');
    const { db } = await getDatabase();
    for (const time of HAND_TIMES) {
      const result = await storePoll(db, {
        systemId: 'hand',
        gbfsUrl: 'http://127.0.0.1:9/gbfs.json',
        snapshot: handSnapshot(time),
        maxGapSeconds: 900,
        run: { systemId: 'hand', trigger: 'test', startedAt: Date.now() },
      });
      expect(result.status).toBe('ok');
    }
    // 09:00 → 11:00 local in 5-minute polls.
    for (let i = 0; i <= 24; i++) expect((await cron()).status).toBe(200);
    // The simulated city: polled one by one, and landed whole by the bulk import under another id.
    const times = simulatedTimes();
    for (const snapshot of simulatedSnapshots(SIM_SERIES, times)) {
      const run = { systemId: 'city', trigger: 'test' as const, startedAt: Date.now() };
      expect((await storePoll(db, { systemId: 'city', gbfsUrl: 'http://127.0.0.1:9/city.json', snapshot, maxGapSeconds: 900, run })).status).toBe('ok');
    }
    const series = { feedTimes: times, async *snapshots() { yield* simulatedSnapshots(SIM_SERIES, times); } };
    await landSnapshots(db, { systemId: 'landed', gbfsUrl: 'http://127.0.0.1:9/landed.json', maxGapSeconds: 900, series });
  }, 300_000);

  describe('a simulated city over three days', () => {
    const reference = async (start: string, end: string, kind: 'full' | 'empty', limit: number, stationIds?: string[]) => {
      const { db } = await getDatabase();
      return referenceEpisodes(db, { start, end, kind, limit, stationIds }, { id: 'city', timezone: PARIS }, 900);
    };

    it('answers every period exactly as the raw statuses computed at request time do', async () => {
      const periods = [...SIM_DAYS.map((d) => [d, d]), [SIM_DAYS[0], SIM_DAYS[2]], [SIM_DAYS[1], SIM_DAYS[2]], ['2025-06-01', '2025-06-01'], ['2025-06-05', '2025-06-06']];
      let crossing = 0;
      let ongoing = 0;
      for (const [start, end] of periods) {
        for (const kind of ['full', 'empty'] as const) {
          const expected = await reference(start, end, kind, 1000);
          for (const limit of [1000, 7]) {
            const body = await episodes(`system=city&start=${start}&end=${end}&kind=${kind}&limit=${limit}`);
            const label = `${start}..${end} ${kind} limit ${limit}`;
            expect(body.totalEpisodes, label).toBe(expected.totalEpisodes);
            expect(body.coverage, label).toEqual(expected.coverage);
            expect(body.newestPoll, label).toEqual(expected.newestPoll);
            expect(body.stations.map(({ id, count, totalSeconds, longestSeconds }) => ({ stationId: id, count, totalSeconds, longestSeconds })), label).toEqual(expected.stations);
            expect(
              body.episodes.map(({ stationId, start: from, end: to, durationSeconds, ongoing: open, clippedStart, clippedEnd }) => ({ stationId, from, to, durationSeconds, open, clippedStart, clippedEnd })),
              label,
            ).toEqual(
              expected.episodes
                .slice(0, limit)
                .map((e) => ({ stationId: e.stationId, from: new Date(e.start * 1000).toISOString(), to: new Date(e.end * 1000).toISOString(), durationSeconds: e.durationSeconds, open: e.ongoing, clippedStart: e.clippedStart, clippedEnd: e.clippedEnd })),
            );
            crossing += body.episodes.filter((e) => e.clippedStart || e.clippedEnd).length;
            ongoing += body.episodes.filter((e) => e.ongoing).length;
          }
        }
      }
      // The history has what the comparison is about: runs across midnight and runs still open.
      expect(crossing).toBeGreaterThan(10);
      expect(ongoing).toBeGreaterThan(0);
      const all = await episodes(`system=city&start=${SIM_DAYS[0]}&end=${SIM_DAYS[2]}&limit=1000`);
      expect(all.totalEpisodes).toBeGreaterThan(50);
    }, 240_000);

    it('answers the stations of a hexagon as the reference does', async () => {
      const { db } = await getDatabase();
      const [cell] = await queryRows<{ h3: string }>(db, sql`select h3 from stations where system_id = 'city' order by station_id limit 1`);
      const parent = cellToParent(cell.h3, 8);
      const every = await queryRows<{ id: string; h3: string }>(db, sql`select station_id as id, h3 from stations where system_id = 'city'`);
      const stationIds = every.filter((r) => cellToParent(r.h3, 8) === parent).map((r) => r.id);
      expect(every.length).toBeGreaterThan(stationIds.length);
      const body = await episodes(`system=city&start=${SIM_DAYS[0]}&end=${SIM_DAYS[2]}&kind=empty&limit=1000&h3=${parent}`);
      const expected = await reference(SIM_DAYS[0], SIM_DAYS[2], 'empty', 1000, stationIds);
      expect(body.stations.map(({ id, count, totalSeconds, longestSeconds }) => ({ stationId: id, count, totalSeconds, longestSeconds }))).toEqual(expected.stations);
      expect(body.totalEpisodes).toBe(expected.totalEpisodes);
    });

    it('the bulk import lands the table the polls kept', async () => {
      const polled = await episodesTable('city');
      expect(polled.length).toBeGreaterThan(100);
      expect(polled.filter((row) => row.split(' ').length === 3).length).toBeGreaterThan(0); // open runs
      expect(await episodesTable('landed')).toEqual(polled);
    });

    it('npm run rebuild gives the table back, also once the raw history was pruned inside a day', async () => {
      const { db } = await getDatabase();
      const polled = await episodesTable('city');
      await db.execute(sql`update station_episodes set end_time = start_time + interval '1 second' where system_id = 'city' and kind = 'full'`);
      await rebuildEpisodes(db, 'city', 900);
      expect(await episodesTable('city')).toEqual(polled);
      // Pruned at 13:17 on the second day: runs going on then keep their start.
      // As the hourly retention step finds it: analyzed by the previous run (without statistics PGlite's plan for the prune takes minutes).
      await db.execute(sql`analyze`);
      await db.transaction((tx) => pruneRawHistory(tx, 'city', Date.parse('2025-06-03T13:17:00+02:00') / 1000));
      await db.execute(sql`delete from station_episodes where system_id = 'city' and start_time >= '2025-06-03T18:00:00+02:00'`);
      await rebuildEpisodes(db, 'city', 900);
      expect(await episodesTable('city')).toEqual(polled);
    }, 180_000);

    it("migration 0013's fill from the raw history gives the table the polls kept", async () => {
      const { db } = await getDatabase();
      const polled = await episodesTable('landed');
      const migration = fs.readFileSync(path.join(process.cwd(), 'db/migrations/0013_station_episodes.sql'), 'utf8');
      const fill = migration.split('--> statement-breakpoint').find((statement) => statement.includes('INSERT INTO "station_episodes"'))!;
      await db.execute(sql`delete from station_episodes`);
      await db.execute(sql.raw(fill));
      expect(await episodesTable('landed')).toEqual(polled);
    });
  });

  afterAll(async () => {
    await appDb?.release();
    await sim?.close();
  });

  it('episodes cut by a gap and one still open, with exact numbers', async () => {
    const body = await episodes(`system=hand&start=${HAND_DAY}&end=${HAND_DAY}`);
    expect(body).toMatchObject({
      system: 'hand',
      timezone: PARIS,
      start: HAND_DAY,
      end: HAND_DAY,
      kind: 'full',
      h3: null,
      window: { start: '2025-06-09T22:00:00.000Z', end: '2025-06-10T22:00:00.000Z' },
      newestPoll: iso('09:00'),
      coverage: { from: iso('08:00'), to: iso('09:00') },
      maxGapSeconds: 900,
      totalEpisodes: 6,
    });
    expect(body.stations).toEqual([
      { id: 'a', name: 'Station A', h3: cellOf('a'), count: 2, totalSeconds: 2100, longestSeconds: 1500 },
      { id: 'b', name: 'Station B', h3: cellOf('b'), count: 2, totalSeconds: 900, longestSeconds: 600 },
      { id: 'd', name: 'Station D', h3: cellOf('d'), count: 2, totalSeconds: 900, longestSeconds: 600 },
    ]);
    const episode = (id: HandStation, from: string, to: string, ongoing = false) => ({
      stationId: id,
      name: `Station ${id.toUpperCase()}`,
      h3: cellOf(id),
      kind: 'full',
      start: iso(from),
      end: iso(to),
      durationSeconds: hhmm(to) - hhmm(from),
      ongoing,
      clippedStart: false,
      clippedEnd: false,
    });
    expect(body.episodes).toEqual([
      episode('a', '08:05', '08:30'),
      episode('b', '08:00', '08:10'),
      episode('d', '08:00', '08:10'),
      episode('a', '08:50', '09:00', true),
      episode('d', '08:15', '08:20'),
      episode('b', '08:20', '08:25'),
    ]);

    const empty = await episodes(`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&kind=empty`);
    expect(empty.episodes.map((e) => [e.stationId, e.start, e.end, e.durationSeconds, e.ongoing])).toEqual([['c', iso('08:00'), iso('08:15'), 900, false]]);

    const top2 = await episodes(`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&limit=2`);
    expect(top2.episodes).toEqual(body.episodes.slice(0, 2));
    expect(top2.stations).toEqual(body.stations);
    expect(top2.totalEpisodes).toBe(6);
  });

  it('keeps the stations of a hexagon (resolution 7-10, any case)', async () => {
    const own = await episodes(`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&h3=${cellOf('a').toUpperCase()}`);
    expect(own.h3).toBe(cellOf('a'));
    expect(own.stations.map((s) => s.id)).toEqual(['a']);
    expect(own.episodes.map((e) => e.durationSeconds)).toEqual([1500, 600]);
    const all = await episodes(`system=hand&start=${HAND_DAY}&end=${HAND_DAY}`);
    for (const resolution of [7, 8, 9]) {
      const parent = cellToParent(cellOf('a'), resolution);
      const inside = await episodes(`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&h3=${parent}`);
      expect(inside.episodes).toEqual(all.episodes.filter((e) => cellToParent(e.h3, resolution) === parent));
    }
  });

  it('answers a period without polls with no episodes and no coverage', async () => {
    const body = await episodes('system=hand&start=2025-06-11&end=2025-06-12');
    expect(body).toMatchObject({ stations: [], episodes: [], totalEpisodes: 0, coverage: null, newestPoll: iso('09:00') });
  });

  it("totals each station's seconds as the hourly rollups do, gaps included", async () => {
    for (const [systemId, day] of [['hand', HAND_DAY], ['paris', SIM_DAY]] as const) {
      for (const episodeKind of ['full', 'empty'] as const) {
        const body = await episodes(`system=${systemId}&start=${day}&end=${day}&kind=${episodeKind}&limit=1000`);
        expect(totalsOf(body), `${systemId} ${episodeKind}`).toEqual(await rollupSeconds(systemId, day, episodeKind === 'full' ? 'full_s' : 'empty_s'));
        expect(body.episodes.reduce((n, e) => n + e.durationSeconds, 0)).toBe(body.stations.reduce((n, s) => n + s.totalSeconds, 0));
      }
    }
    const simulated = await episodes(`system=paris&start=${SIM_DAY}&end=${SIM_DAY}&kind=empty`);
    expect(simulated.stations.length).toBeGreaterThan(0);
    expect(simulated.episodes.every((e, i) => i === 0 || e.durationSeconds <= simulated.episodes[i - 1].durationSeconds)).toBe(true);
  });

  it('answers the stations list as CSV', async () => {
    const response = await get(`/api/episodes?system=hand&start=${HAND_DAY}&end=${HAND_DAY}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="episodes-hand-full-${HAND_DAY}-${HAND_DAY}.csv"`);
    expect(await response.text()).toBe(
      ['id,name,h3,count,totalSeconds,longestSeconds', `a,Station A,${cellOf('a')},2,2100,1500`, `b,Station B,${cellOf('b')},2,900,600`, `d,Station D,${cellOf('d')},2,900,600`, ''].join('\n'),
    );
  });

  it.each([
    ['system=hand', 'start', /start is required/],
    [`system=hand&start=${HAND_DAY}`, 'end', /end is required/],
    [`system=hand&start=2025-06-10&end=2025-06-09`, 'end', /end must not be before start/],
    [`system=hand&start=2025-01-01&end=2026-01-02`, 'end', /at most 366 days/],
    [`system=hand&start=2025-02-30&end=2025-03-01`, 'start', /not a real calendar date/],
    [`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&kind=busy`, 'kind', /full, empty/],
    [`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&h3=nothex`, 'h3', /H3 cell index/],
    [`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&h3=8fffffffffffff0`, 'h3', /not a valid H3 cell/],
    [`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&h3=${cellToParent(latLngToCell(48.8584, 2.3474, 10), 6)}`, 'h3', /resolution 7-10/],
    [`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&limit=0`, 'limit', /1-1000/],
    [`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&limit=1001`, 'limit', /1-1000/],
    [`system=hand&start=${HAND_DAY}&end=${HAND_DAY}&format=xml`, 'format', /json, csv/],
    [`system=../etc&start=${HAND_DAY}&end=${HAND_DAY}`, 'system', /system id/],
  ])('answers 400 naming the parameter: %s', async (query, parameter, message) => {
    const response = await get(`/api/episodes?${query}`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 'invalid_parameter', parameter });
    expect(body.error.message).toMatch(message);
  });

  it('answers 404 for an unknown system', async () => {
    const response = await get(`/api/episodes?system=nowhere&start=${HAND_DAY}&end=${HAND_DAY}`);
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: 'unknown_system', parameter: 'system' });
  });
});
