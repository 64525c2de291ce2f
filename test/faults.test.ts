/**
 * Fault suite: every way a feed, the network or the database can go wrong in one poll, through
 * the real HTTP path (the simulator, and a rewriting proxy for what it cannot produce), on PGlite
 * and on a Postgres server. For each fault: what the poll reports, what the run log holds, what
 * changed in the tables (row counts and rollup sums, before vs after), and that the next good poll
 * succeeds. Invariants (no negative count, no impossible coordinate, no unreadable name...) are
 * checked after every poll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pollSystem, type IngestSettings } from '@/lib/ingest/pollSystem';
import { startSimulator } from '@/simulator';
import { queryRows } from '@/db/rows';
import { DATABASE_KINDS, openTestDatabase } from './support/databases';
import { storedCounts, withoutRuns } from './support/tableCounts';
import { editStations, startRewritingProxy } from './support/faultsProxy';
import { creditBase, invariantViolations, runRow } from './support/faultsDb';
import { failed, HIT, ok, simFault, STATIONS, SYSTEM, viaProxy, type Ctx, type FaultCase } from './support/faultCases';
import { DATABASE_CASES } from './support/faultsDatabaseCases';

process.env.LOG_LEVEL = 'silent';

const SETTINGS: IngestSettings = { FETCH_TIMEOUT_MS: 3_000, FETCH_MAX_BYTES: 5_000_000, FETCH_RETRIES: 0, MAX_GAP_SECONDS: 900 };
const START = Date.UTC(2025, 5, 3, 6, 0, 0) / 1000; // 08:00 in Paris

const CASES: FaultCase[] = [
  // ── transport ──────────────────────────────────────────────────────────────────────────────
  {
    name: 'HTTP 500 on station_status',
    arrange: simFault({ feed: 'station_status', kind: 'http500', times: 1 }),
    expect: failed(500, /station_status\.json: HTTP 500$/),
  },
  {
    name: 'HTTP 500 once, retried within the poll',
    arrange: simFault({ feed: 'station_status', kind: 'http500', times: 1 }),
    poll: (ctx) => ctx.poll({ settings: { FETCH_RETRIES: 1 } }),
    expect: ok({}),
  },
  {
    name: '429 with Retry-After: 1 → waits 1 s, then succeeds',
    arrange: simFault({ feed: 'station_status', kind: 'http429', retryAfterSeconds: 1, times: 1 }),
    poll: async (ctx) => {
      const requests = ctx.sim.requests('station_status');
      const run = await ctx.poll({ settings: { FETCH_RETRIES: 1 } });
      expect(ctx.sim.requests('station_status') - requests).toBe(2);
      expect(run.durationMs).toBeGreaterThanOrEqual(1_000);
      return run;
    },
    expect: ok({}),
  },
  {
    name: '429 with Retry-After: 30 → fails at once rather than wait past the poll',
    arrange: simFault({ feed: 'station_status', kind: 'http429', retryAfterSeconds: 30, times: 1 }),
    poll: async (ctx) => {
      const run = await ctx.poll({ settings: { FETCH_RETRIES: 2 } });
      expect(run.durationMs).toBeLessThan(5_000);
      return run;
    },
    expect: failed(429, /HTTP 429; Retry-After 30 s is longer than we wait/),
  },
  {
    name: '429 without retries',
    arrange: simFault({ feed: 'gbfs', kind: 'http429', times: 1 }),
    expect: failed(429, /gbfs\.json: HTTP 429$/),
  },
  {
    name: 'a connection that hangs past FETCH_TIMEOUT_MS',
    arrange: simFault({ feed: 'station_status', kind: 'hang', times: 1 }),
    poll: async (ctx) => {
      const run = await ctx.poll({ settings: { FETCH_TIMEOUT_MS: 500 } });
      expect(run.durationMs).toBeLessThan(5_000);
      return run;
    },
    expect: failed(null, /station_status\.json: no answer within 500 ms/),
  },
  {
    name: 'station_information hangs while the other feeds answer',
    arrange: simFault({ feed: 'station_information', kind: 'hang', times: 1 }),
    poll: (ctx) => ctx.poll({ settings: { FETCH_TIMEOUT_MS: 500 } }),
    expect: failed(null, /station_information\.json: no answer within 500 ms/),
  },
  // ── documents ──────────────────────────────────────────────────────────────────────────────
  {
    name: 'a body cut off mid-JSON',
    arrange: simFault({ feed: 'station_status', kind: 'truncated', times: 1 }),
    expect: failed(null, /^station_status: invalid JSON at line 1, column \d+ \(offset \d+\) \(document ends after \d+ characters: truncated\?\)/),
  },
  {
    name: 'invalid JSON (an HTML error page served as application/json)',
    arrange: simFault({ feed: 'station_information', kind: 'invalid_json', times: 1 }),
    expect: failed(null, /^station_information: got HTML\/XML, expected JSON/),
  },
  {
    name: 'valid JSON of the wrong shape (station_status)',
    arrange: simFault({ feed: 'station_status', kind: 'wrong_shape', times: 1 }),
    expect: failed(null, /^station_status: data\.stations must be an array, got an object$/),
  },
  {
    name: 'valid JSON of the wrong shape (gbfs.json)',
    arrange: simFault({ feed: 'gbfs', kind: 'wrong_shape', times: 1 }),
    expect: failed(null, /^gbfs: no feed list found/),
  },
  {
    name: 'a streamed body over FETCH_MAX_BYTES (no Content-Length)',
    arrange: simFault({ feed: 'station_information', kind: 'huge', hugeBytes: 3_000_000, times: 1 }),
    poll: (ctx) => ctx.poll({ settings: { FETCH_MAX_BYTES: 1_000_000 } }),
    expect: failed(null, /station_information\.json: body exceeds the 1000000-byte cap/),
  },
  {
    name: 'a body whose Content-Length is over FETCH_MAX_BYTES',
    arrange: (ctx) => ctx.proxy.rewrite('station_status', (text) => text.replace('{', `{"padding":"${'x'.repeat(1_200_000)}",`)),
    poll: viaProxy({ FETCH_MAX_BYTES: 1_000_000 }),
    expect: failed(null, /station_status\.json: body of 12\d{5} bytes exceeds the 1000000-byte cap/),
  },
  {
    name: 'gbfs.json naming a feed that 404s',
    arrange: (ctx) => ctx.proxy.rewrite('gbfs', (text) => text.replace('/station_status.json', '/station_status_moved.json')),
    poll: viaProxy(),
    expect: failed(404, /station_status_moved\.json: HTTP 404$/),
  },
  {
    name: 'a listed feed answering 404',
    arrange: simFault({ feed: 'system_information', kind: 'http404', times: 1 }),
    expect: failed(404, /system_information\.json: HTTP 404$/),
  },
  // ── records ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'duplicated station ids in station_status (the copies disagree: the first is kept)',
    arrange: simFault({ feed: 'station_status', kind: 'duplicate_ids', times: 1 }),
    expect: ok({ duplicate_id: HIT }),
  },
  {
    name: 'duplicated station ids in station_information',
    arrange: simFault({ feed: 'station_information', kind: 'duplicate_ids', times: 1 }),
    expect: ok({ duplicate_id: HIT }),
    check: async (_ctx, run) => expect(run.rowsWritten).toBeGreaterThan(0),
  },
  {
    name: 'coordinates 0/0, out of range (91.5, 200.25) and lat/lon swapped',
    arrange: simFault({ feed: 'station_information', kind: 'bad_coordinates', times: 1 }),
    // Their statuses are left out too: a status needs a placed station.
    expect: ok({ bad_coordinates: HIT, unknown_station: HIT }, STATIONS - HIT),
  },
  {
    name: 'coordinates "NaN", "Infinity", null, "0"/"0.0" and just past the pole',
    arrange: (ctx) =>
      ctx.proxy.rewrite(
        'station_information',
        editStations((station, index) => {
          const bad: Record<string, unknown>[] = [{ lat: 'NaN' }, { lon: 'Infinity' }, { lat: null }, { lat: '0', lon: '0.0' }, { lat: 90.0001 }, { lon: -180.5 }];
          if (index < bad.length) Object.assign(station, bad[index]);
        }),
      ),
    poll: viaProxy(),
    expect: ok({ bad_coordinates: 6, unknown_station: 6 }, STATIONS - 6),
  },
  {
    name: 'bare NaN and -Infinity tokens (as Python\'s json.dumps writes them): the station, not the file',
    arrange: (ctx) =>
      ctx.proxy.rewrite('station_information', (text) => text.replace(/"lat":-?[\d.]+/, '"lat":NaN').replace(/"lon":-?[\d.]+/, '"lon": -Infinity')),
    poll: viaProxy(),
    expect: ok({ bad_coordinates: 1, unknown_station: 1 }, STATIONS - 1),
  },
  {
    name: 'negative counts',
    arrange: simFault({ feed: 'station_status', kind: 'negative_counts', times: 1 }),
    expect: ok({ negative_count: HIT }, STATIONS - HIT),
  },
  {
    name: 'absurd counts (a million bikes, 1e300 bikes, 20,000 docks, a capacity of 1e6) and a count that is no number',
    arrange: (ctx) => {
      ctx.proxy.rewrite(
        'station_status',
        editStations((station, index) => {
          const bad: Record<string, unknown>[] = [
            { num_bikes_available: 1_000_000 },
            { num_bikes_available: 1e300 },
            { num_docks_available: 20_000 },
            { num_bikes_available: '12abc' },
          ];
          if (index < bad.length) Object.assign(station, bad[index]);
        }),
      );
      ctx.proxy.rewrite('station_information', editStations((station, index) => void (index === 5 && (station.capacity = 1_000_000))));
    },
    poll: viaProxy(),
    // Two statuses and one description out of range, two statuses unreadable, the status of the undescribed station.
    // (1e300 is no safe integer: unreadable rather than absurd.)
    expect: ok({ absurd_count: 3, invalid_record: 2, unknown_station: 1 }, STATIONS - 5),
  },
  {
    name: 'last_reported in the future (+1 h, +1 day, 2100): pulled back to the feed time + 5 min',
    arrange: simFault({ feed: 'station_status', kind: 'future_last_reported', times: 1 }),
    expect: ok({ clamped_last_reported: HIT }),
    check: async (ctx, run) => {
      const [row] = await queryRows<{ n: number }>(
        ctx.database.db,
        sql`select count(*)::int as n from station_status where system_id = ${SYSTEM} and feed_time = ${run.feedTime}::timestamptz
              and last_reported = feed_time + interval '300 seconds'`,
      );
      expect(row.n).toBe(HIT);
    },
  },
  {
    name: 'last_reported in 1970 (0, 18001, 86400): stored as unknown',
    arrange: simFault({ feed: 'station_status', kind: 'epoch_last_reported', times: 1 }),
    expect: ok({ clamped_last_reported: HIT }),
    check: async (ctx, run) => {
      const [row] = await queryRows<{ n: number }>(
        ctx.database.db,
        sql`select count(*)::int as n from station_status where system_id = ${SYSTEM} and feed_time = ${run.feedTime}::timestamptz and last_reported is null`,
      );
      expect(row.n).toBeGreaterThanOrEqual(HIT);
    },
  },
  {
    name: 'a feed older than the last one stored (stale)',
    arrange: simFault({ feed: 'station_status', kind: 'stale', times: 1 }),
    expect: { status: 'stale' },
  },
  {
    name: 'station_status listing stations absent from station_information',
    arrange: simFault({ feed: 'station_status', kind: 'unknown_stations', times: 1 }),
    expect: ok({ unknown_station: HIT }),
  },
  {
    name: 'Latin-1 bytes in names (system and station information): read as Latin-1, names unchanged',
    arrange: simFault({ feed: 'any', kind: 'latin1_names', times: 2 }),
    expect: ok({}),
    check: async (ctx, _run, before, after) => {
      // Decoded as Windows-1252, the names are exactly those of the UTF-8 feed: no new description version.
      expect(after.versions).toBe(before.versions);
      const names = await queryRows<{ name: string }>(ctx.database.db, sql`select name from stations where system_id = ${SYSTEM}`);
      expect(names.filter((n) => /[éèàçÉ]/.test(n.name)).length).toBeGreaterThan(0);
      const [system] = await queryRows<{ name: string }>(ctx.database.db, sql`select name from systems where id = ${SYSTEM}`);
      expect(system.name).toBe('Vélib (simulated)');
    },
  },
  {
    name: 'no station at all',
    arrange: simFault({ feed: 'station_status', kind: 'empty_stations', times: 1 }),
    expect: ok({}, 0),
  },
  ...DATABASE_CASES,
];

describe.each(DATABASE_KINDS)('faults on %s', (kind) => {
  const ctx = { kind } as Ctx;

  beforeAll(async () => {
    ctx.database = await openTestDatabase(kind);
    ctx.sim = await startSimulator({ variant: 'velib', stations: STATIONS, seed: 7, startTime: START, stepSeconds: 60 });
    ctx.proxy = await startRewritingProxy(ctx.sim.url);
    ctx.poll = ({ via = 'sim', settings = {}, db = ctx.database.db } = {}) =>
      pollSystem(db, { id: SYSTEM, gbfsUrl: via === 'proxy' ? ctx.proxy.gbfsUrl : ctx.sim.gbfsUrl }, 'test', { ...SETTINGS, ...settings });
    // Two good polls: stations, states and a first minute of rollups to compare against.
    for (let i = 0; i < 2; i++) expect(await ctx.poll()).toMatchObject({ status: 'ok', skipped: {}, stationsSeen: STATIONS });
  });
  afterAll(async () => {
    await ctx.proxy?.close();
    await ctx.sim?.close();
    await ctx.database?.close();
  });

  it.each(CASES.filter((c) => !c.only || c.only === kind).map((c) => [c.name, c] as const))('%s', async (_name, fault) => {
    const { db } = ctx.database;
    const before = await storedCounts(db, SYSTEM);
    const base = await creditBase(db, SYSTEM);
    fault.arrange?.(ctx);
    const run = await (fault.poll ?? ((c: Ctx) => c.poll()))(ctx);
    ctx.sim.setFault(null);
    expect(ctx.proxy.pending()).toBe(0);
    const after = await storedCounts(db, SYSTEM);

    // What the poll says, and what the run log holds: the same.
    expect(run.status).toBe(fault.expect.status);
    expect(run.runId).not.toBeNull();
    const logged = await runRow(db, run.runId!);
    expect(logged.status).toBe(run.status);
    expect(after.runs).toBe(before.runs + 1);

    if (fault.expect.status === 'ok') {
      expect(run.skipped).toEqual(fault.expect.skipped);
      expect(logged.skipped).toEqual(fault.expect.skipped);
      expect(run.stationsSeen).toBe(fault.expect.stationsSeen);
      expect(logged.stations_seen).toBe(run.stationsSeen);
      // One more poll; no station made up from a broken record; raw rows as reported.
      expect(after.polls).toBe(before.polls + 1);
      expect(after.stations).toBe(before.stations);
      expect(after.statuses - before.statuses + (after.versions - before.versions)).toBe(run.rowsWritten);
      // The minute since the previous poll is credited once to each station observed then.
      const gap = Date.parse(run.feedTime!) / 1000 - base.feedTime!;
      expect(gap).toBe(60);
      expect(after.observedS - before.observedS).toBe(base.observed * gap);
    } else {
      // Nothing of the poll is stored; only its run is logged.
      expect(withoutRuns(after)).toEqual(withoutRuns(before));
      expect(run).toMatchObject({ rowsWritten: 0, rollupRows: 0 });
      if (fault.expect.status === 'failed') {
        expect(run.error).toMatch(fault.expect.error);
        expect(run.httpStatus ?? null).toBe(fault.expect.httpStatus);
        expect(logged).toMatchObject({ error: run.error, http_status: fault.expect.httpStatus, skipped: {} });
      }
    }
    await fault.check?.(ctx, run, before, after);
    expect(await invariantViolations(db, SYSTEM)).toEqual({});

    // The next good poll succeeds and is stored.
    const next = await ctx.poll();
    expect(next).toMatchObject({ status: 'ok', skipped: {}, stationsSeen: STATIONS });
    const recovered = await storedCounts(db, SYSTEM);
    expect(recovered.polls).toBe(after.polls + 1);
    expect(recovered.stations).toBe(STATIONS);
    expect(await invariantViolations(db, SYSTEM)).toEqual({});
  });
});
