/**
 * Soak: the cron route polls the simulator once a second while the read routes are called at a
 * steady rate, on each database kind. No poll fails, no read errs, every poll is in the run log,
 * and the heap after garbage collection grows by less than HEAP_GROWTH_BOUND_MB.
 *
 * `npm test` runs a short form (SOAK_SECONDS, default 6 s per database); `npm run soak` a long one
 * (cli/soak.ts: 300 s by default, `-- --seconds N`). Loopback only: the simulator on 127.0.0.1,
 * the routes called in-process.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as hotspotsRoute } from '@/app/api/hotspots/route';
import { GET as hexagonRoute } from '@/app/api/hexagons/[h3]/route';
import { GET as systemsRoute } from '@/app/api/systems/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { hotspotsResponseSchema } from '@/lib/hotspots/schemas';
import type { RunSummary } from '@/lib/ingest/pollSystem';
import { getDatabase } from '@/db/client';
import { queryRows } from '@/db/rows';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { runSoak, type SoakReport } from './support/soakLoop';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 6);
if (!Number.isInteger(SECONDS) || SECONDS < 1) throw new Error(`SOAK_SECONDS must be a whole number of seconds, got ${process.env.SOAK_SECONDS}`);
const READS_PER_SECOND = 8;
/** Heap in use after a full GC may grow this much from the end of the warm-up to the end, whatever the duration. */
const HEAP_GROWTH_BOUND_MB = 32;
const SECRET = 'soak-secret-0b7c';
const SYSTEM = 'paris';

const request = (url: string) => new Request(`http://localhost${url}`);

async function cronPoll(): Promise<RunSummary[]> {
  const response = await cronRoute(new Request('http://localhost/api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } }));
  const body = (await response.json()) as { runs?: RunSummary[] };
  if (!body.runs) throw new Error(`cron answered ${response.status}: ${JSON.stringify(body)}`);
  return body.runs;
}

const everyTenth = (samples: number[]) => samples.filter((_, i) => i % 10 === 9);

function describeReport(kind: string, report: SoakReport): string {
  const statuses = report.runs.reduce<Record<string, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});
  return `soak on ${kind}, ${SECONDS} s: ${report.runs.length} polls ${JSON.stringify(statuses)}, ${report.reads} reads (${report.readsDropped} dropped, slowest ${report.slowestReadMs} ms), heap ${report.heapMb.baseline} → ${report.heapMb.end} MB (peak ${report.heapMb.peak}; every 10 s: ${everyTenth(report.heapMb.samples).join(', ')}), RSS ${report.rssMb.start} → ${report.rssMb.end} MB`;
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

  it(`polls once a second and reads ${READS_PER_SECOND} times a second without an error, a lost poll or a growing heap`, { timeout: (SECONDS + 60) * 1000 }, async () => {
    // The day of the first polls, not of the clock: a run at Paris midnight must still find them.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(firstPollAt * 1000));
    const first = hotspotsResponseSchema.parse(await (await hotspotsRoute(request(`/api/hotspots?date=${day}`))).json());
    expect(first.hexagons.length).toBeGreaterThan(20);
    const cell = first.hexagons[0].h3;
    const { db } = await getDatabase();
    const [{ runs: runsBefore, polls: pollsBefore }] = await queryRows<{ runs: number; polls: number }>(
      db,
      sql`select (select count(*)::int from ingest_runs where system_id = ${SYSTEM}) as runs,
                 (select count(*)::int from polls where system_id = ${SYSTEM}) as polls`,
    );

    const report = await runSoak({
      seconds: SECONDS,
      poll: cronPoll,
      readsPerSecond: READS_PER_SECOND,
      reads: [
        { name: 'hotspots', read: () => hotspotsRoute(request(`/api/hotspots?date=${day}`)) },
        { name: 'systems', read: () => systemsRoute(request('/api/systems')) },
        { name: 'hotspots r8 bikes geojson', read: () => hotspotsRoute(request(`/api/hotspots?date=${day}&resolution=8&metric=bikes&format=geojson`)) },
        { name: 'hexagon', read: () => hexagonRoute(request(`/api/hexagons/${cell}?date=${day}`), { params: Promise.resolve({ h3: cell }) }) },
        { name: 'health', read: () => healthRoute(request('/api/health')) },
        { name: 'hotspots csv window', read: () => hotspotsRoute(request(`/api/hotspots?date=${day}&from=6&to=22&format=csv&limit=50`)) },
        { name: 'openapi', read: () => openApiRoute(request('/api/openapi.json')) },
        { name: 'hotspots full r9', read: () => hotspotsRoute(request(`/api/hotspots?date=${day}&metric=full&resolution=9`)) },
      ],
    });
    console.log(describeReport(kind, report));

    expect(report.pollErrors).toEqual([]);
    expect(report.readErrors).toEqual([]);
    // Once a second, and at the steady read rate (a tenth of slack for a loaded machine).
    expect(report.runs.length).toBeGreaterThanOrEqual(Math.floor(SECONDS * 0.9));
    expect(report.reads).toBeGreaterThanOrEqual(Math.floor(SECONDS * READS_PER_SECOND * 0.9));
    expect(report.runs.every((r) => r.status === 'ok' || r.status === 'unchanged')).toBe(true);

    // Every poll is in the run log, under its id and status; every stored one is a poll row.
    const logged = await queryRows<{ id: number; status: string }>(
      db,
      sql`select id::int as id, status from ingest_runs where system_id = ${SYSTEM} order by id offset ${runsBefore}`,
    );
    expect(logged).toEqual(report.runs.map((r) => ({ id: r.runId, status: r.status })));
    const [{ polls }] = await queryRows<{ polls: number }>(db, sql`select count(*)::int as polls from polls where system_id = ${SYSTEM}`);
    expect(polls - pollsBefore).toBe(report.runs.filter((r) => r.status === 'ok').length);

    expect(report.heapMb.end - report.heapMb.baseline).toBeLessThan(HEAP_GROWTH_BOUND_MB);
  });
});
