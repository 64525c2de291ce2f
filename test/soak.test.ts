/**
 * Soak: the cron route polls the simulator once a second while the read routes are called at a
 * steady rate, on each database kind. What it asserts is behaviour, whatever the machine's speed:
 * no poll fails and every one is in the run log under its id and status, every stored one is a
 * poll row, and every read started is answered, 2xx, with the body its route promises.
 *
 * Memory is not judged here. The heap after garbage collection is sampled every second and
 * reported; `npm run soak` (cli/soak.ts: 300 s per database by default, `-- --seconds N`) fits a
 * line to those samples over the long run and fails when the heap keeps rising. `npm test` runs
 * the short form (SOAK_SECONDS, default 6 s per database), where a few seconds on a shared machine
 * could not tell a leak from caches filling. Loopback only: the simulator on 127.0.0.1, the routes
 * called in-process.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as hotspotsRoute } from '@/app/api/hotspots/route';
import { GET as hexagonRoute } from '@/app/api/hexagons/[h3]/route';
import { GET as systemsRoute } from '@/app/api/systems/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { hexagonResponseSchema, hotspotsResponseSchema } from '@/lib/hotspots/schemas';
import { systemsResponseSchema } from '@/lib/systems/schemas';
import type { RunSummary } from '@/lib/ingest/pollSystem';
import { getDatabase } from '@/db/client';
import { queryRows } from '@/db/rows';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { runSoak, type SoakRead, type SoakReport } from './support/soakLoop';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 6);
if (!Number.isInteger(SECONDS) || SECONDS < 1) throw new Error(`SOAK_SECONDS must be a whole number of seconds, got ${process.env.SOAK_SECONDS}`);
const READS_PER_SECOND = 8;
/** Where `npm run soak` wants each database's report (heap samples included), one JSON line each. */
const REPORT_FILE = process.env.SOAK_REPORT_FILE;
const SECRET = 'soak-secret-0b7c';
const SYSTEM = 'paris';

const request = (url: string) => new Request(`http://localhost${url}`);

async function cronPoll(): Promise<RunSummary[]> {
  const response = await cronRoute(new Request('http://localhost/api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } }));
  const body = (await response.json()) as { runs?: RunSummary[] };
  if (!body.runs) throw new Error(`cron answered ${response.status}: ${JSON.stringify(body)}`);
  return body.runs;
}

function describeReport(kind: string, report: SoakReport): string {
  const statuses = report.runs.reduce<Record<string, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});
  return `soak on ${kind}, ${SECONDS} s: ${report.runs.length} polls ${JSON.stringify(statuses)}, ${report.reads} reads (${report.readsDropped} dropped, slowest ${report.slowestReadMs} ms), heap after GC ${report.heapMb.start} → ${report.heapMb.end} MB (peak ${report.heapMb.peak}), RSS ${report.rssMb.start} → ${report.rssMb.end} MB`;
}

/** A JSON body that parses with `schema` and passes `test`, or the problem. */
function jsonCheck<T>(parse: (body: unknown) => T, test: (answer: T) => string | null = () => null) {
  return (text: string): string | null => {
    try {
      return test(parse(JSON.parse(text)));
    } catch (error) {
      return `not the route's answer: ${String(error).slice(0, 200)}`;
    }
  };
}

describe.each(DATABASE_KINDS)('soak on %s', (kind) => {
  let sim: RunningSimulator;
  let appDb: AppTestDatabase;
  let firstPollAt = 0;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    // The feed follows the wall clock, a second per poll, two minutes behind: always fresh, always new.
    const now = Math.floor(Date.now() / 1000);
    firstPollAt = now - 120;
    sim = await startSimulator({ variant: 'velib', stations: 300, seed: 21, startTime: firstPollAt, stepSeconds: 1, realTimeCap: true });
    process.env.GBFS_SYSTEMS = `${SYSTEM}=${sim.gbfsUrl}`;
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    appDb = await pointAppAtTestDatabase(kind, 'soak');
    // Two polls so that there are rollups, hexagons and a cell to read.
    for (let i = 0; i < 2; i++) expect((await cronPoll()).map((r) => r.status)).toEqual(['ok']);
  });

  afterAll(async () => {
    await appDb.release();
    await sim?.close();
  });

  it(`polls once a second and reads ${READS_PER_SECOND} times a second: every poll stored and logged, every read answered`, { timeout: (SECONDS + 60) * 1000 }, async () => {
    // The day of the first polls, not of the clock: a run at Paris midnight must still find them.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(firstPollAt * 1000));
    const first = hotspotsResponseSchema.parse(await (await hotspotsRoute(request(`/api/hotspots?date=${day}`))).json());
    expect(first.hexagons.length).toBeGreaterThan(20);
    const cell = first.hexagons[0].h3;
    const someHexagons = (answer: { hexagons: unknown[] }) => (answer.hexagons.length > 0 ? null : 'no hexagon');
    // An hour window holding the first polls (their local hour), for the windowed read.
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(new Date(firstPollAt * 1000)));
    const { db } = await getDatabase();
    const [{ runs: runsBefore, polls: pollsBefore }] = await queryRows<{ runs: number; polls: number }>(
      db,
      sql`select (select count(*)::int from ingest_runs where system_id = ${SYSTEM}) as runs,
                 (select count(*)::int from polls where system_id = ${SYSTEM}) as polls`,
    );

    const reads: SoakRead[] = [
      { name: 'hotspots', read: () => hotspotsRoute(request(`/api/hotspots?date=${day}`)), check: jsonCheck(hotspotsResponseSchema.parse, someHexagons) },
      {
        name: 'systems',
        read: () => systemsRoute(request('/api/systems')),
        check: jsonCheck(systemsResponseSchema.parse, (answer) => (answer.systems.some((s) => s.id === SYSTEM) ? null : `${SYSTEM} not listed`)),
      },
      {
        name: 'hotspots r8 bikes geojson',
        read: () => hotspotsRoute(request(`/api/hotspots?date=${day}&resolution=8&metric=bikes&format=geojson`)),
        check: jsonCheck(
          (body) => body as { type?: string; features?: unknown[] },
          (answer) => (answer.type === 'FeatureCollection' && (answer.features?.length ?? 0) > 0 ? null : 'not a FeatureCollection with features'),
        ),
      },
      {
        name: 'hexagon',
        read: () => hexagonRoute(request(`/api/hexagons/${cell}?date=${day}`), { params: Promise.resolve({ h3: cell }) }),
        check: jsonCheck(hexagonResponseSchema.parse, (answer) => (answer.h3 === cell ? null : `answered ${answer.h3}`)),
      },
      { name: 'health', read: () => healthRoute(request('/api/health')), check: jsonCheck((body) => body as { healthy?: boolean }, (answer) => (answer.healthy ? null : 'not healthy')) },
      {
        name: 'hotspots csv window',
        read: () => hotspotsRoute(request(`/api/hotspots?date=${day}&from=${hour}&to=${hour + 1}&format=csv&limit=50`)),
        check: (text) => (/^h3,/.test(text) && text.trimEnd().split('\n').length > 1 ? null : `not a CSV with rows: ${text.slice(0, 80)}`),
      },
      { name: 'openapi', read: () => openApiRoute(request('/api/openapi.json')), check: jsonCheck((body) => body as { openapi?: string }, (answer) => (answer.openapi ? null : 'no openapi version')) },
      {
        name: 'hotspots full r9',
        read: () => hotspotsRoute(request(`/api/hotspots?date=${day}&metric=full&resolution=9`)),
        check: jsonCheck(hotspotsResponseSchema.parse, someHexagons),
      },
    ];
    const report = await runSoak({ seconds: SECONDS, poll: cronPoll, readsPerSecond: READS_PER_SECOND, reads });
    console.log(describeReport(kind, report));
    if (REPORT_FILE) fs.appendFileSync(REPORT_FILE, `${JSON.stringify({ kind, seconds: SECONDS, polls: report.runs.length, reads: report.reads, heapSamples: report.heapSamples })}\n`);

    // Every poll returned its system's summary, none failed; the feed moves every second, so polls store.
    expect(report.pollErrors).toEqual([]);
    expect(report.runs.map((r) => r.system)).toEqual(Array.from({ length: report.pollsMade }, () => SYSTEM));
    expect(report.runs.every((r) => r.status === 'ok' || r.status === 'unchanged')).toBe(true);
    expect(report.runs.some((r) => r.status === 'ok')).toBe(true);
    // Every read started was answered, 2xx, with what its route promises. How many there were
    // depends on the machine's speed; that each kind of read was answered does not.
    expect(report.readErrors).toEqual([]);
    expect(report.reads).toBe(report.readsStarted);
    expect(Object.keys(report.readsByName).length).toBe(Math.min(report.readsStarted, reads.length));

    // Every poll is in the run log, under its id and status; every stored one is a poll row.
    const logged = await queryRows<{ id: number; status: string }>(
      db,
      sql`select id::int as id, status from ingest_runs where system_id = ${SYSTEM} order by id offset ${runsBefore}`,
    );
    expect(logged).toEqual(report.runs.map((r) => ({ id: r.runId, status: r.status })));
    const [{ polls }] = await queryRows<{ polls: number }>(db, sql`select count(*)::int as polls from polls where system_id = ${SYSTEM}`);
    expect(polls - pollsBefore).toBe(report.runs.filter((r) => r.status === 'ok').length);
  });
});
