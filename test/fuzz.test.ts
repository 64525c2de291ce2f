/**
 * Every parameter of the read API fuzzed with fast-check: random strings, SQL injection, path
 * traversal, huge numbers, control characters, repeated and unknown parameters. Whatever comes in,
 * the answer is a 2xx or a 4xx with a well-formed body (a JSON error naming the problem), never a
 * 5xx nor a thrown error (which Next turns into a 500), and the stored data is untouched.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as hotspotsRoute } from '@/app/api/hotspots/route';
import { GET as hexagonRoute } from '@/app/api/hexagons/[h3]/route';
import { GET as systemsRoute } from '@/app/api/systems/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { GET as stationsRoute } from '@/app/api/stations/route';
import { stationsResponseSchema } from '@/lib/stations/schemas';
import { errorResponseSchema } from '@/lib/api/schemas';
import { hexagonResponseSchema, hotspotsResponseSchema } from '@/lib/hotspots/schemas';
import { systemsResponseSchema } from '@/lib/systems/schemas';
import { getDatabase, type Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { DATABASE_KINDS, pointAppAtTestDatabase, type AppTestDatabase } from './support/databases';
import { storedCounts, type Stored } from './support/tableCounts';

const SECRET = 'fuzz-secret-5d1e';
const SYSTEM = 'paris';
/** Runs per property; each is one request. */
const RUNS = 300;

/**
 * Every property draws its cases from this seed, so a run can be repeated exactly:
 * `FUZZ_SEED=<n> npx vitest run test/fuzz.test.ts` explores other cases, or replays a failure.
 */
const SEED = fuzzSeed(process.env.FUZZ_SEED);

function fuzzSeed(value: string | undefined): number {
  if (value === undefined || value === '') return 20_251_026;
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${JSON.stringify(value)}`);
  return seed;
}

/** fc.assert with the seed; a failure names it, and how to run that case again. */
async function checkProperty<Ts>(property: fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, { numRuns, seed: SEED });
  } catch (error) {
    const message = `property failed with FUZZ_SEED=${SEED} (run again with FUZZ_SEED=${SEED} npx vitest run test/fuzz.test.ts)`;
    console.error(message);
    throw new Error(`${message}\n${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Strings meant to break a parser, a query or a path. */
const HOSTILE = [
  "' OR '1'='1",
  "paris' OR 1=1 --",
  '1; DROP TABLE station_hourly; --',
  "2025-06-03'; DELETE FROM polls; --",
  '1 UNION SELECT usename, passwd FROM pg_shadow',
  "'; SELECT pg_sleep(10); --",
  '$$; TRUNCATE stations; $$',
  '\\x27 OR 1=1',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '..\\..\\windows\\win.ini',
  '/etc/passwd\u0000.json',
  'file:///etc/passwd',
  '\u0000',
  '%00',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '\ud800',
  '😀',
  '１０',
  ' 10',
  '10 ',
  '+10',
  '-1',
  '0',
  '00000000000000000010',
  '1e309',
  '99999999999999999999999',
  '9007199254740993',
  'NaN',
  'Infinity',
  '0x10',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  'A'.repeat(10_000),
  '2025-02-29',
  '2024-02-29',
  '2025-13-01',
  '0000-01-01',
  '9999-12-31',
  '2025-06-03T00:00:00Z',
  '2025-6-3',
  '8a1fb46622dffff',
  '8A1FB46622DFFFF',
  '8f2830828052d25',
];

/** A hostile or random value: what no parameter accepts, or should not. */
const anyValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String) },
);

/**
 * A parameter: absent, one of its valid values, or anything. Weighted so that about a fifth of
 * the requests are entirely valid and reach the database, the rest being refused somewhere.
 */
function parameter(valid: string[], required: boolean): fc.Arbitrary<string | null> {
  return fc.oneof(
    { weight: required ? 1 : 4, arbitrary: fc.constant(null) },
    { weight: 4, arbitrary: fc.constantFrom(...valid) },
    { weight: 2, arbitrary: anyValue },
  );
}

/**
 * A query string from these parameters (valid values each; `date` is required by the routes that
 * take it): any subset, unknown keys, a parameter repeated.
 */
function queryOf(parameters: Record<string, string[]>): fc.Arbitrary<string> {
  const entries = Object.entries(parameters).map(([name, valid]) => parameter(valid, name === 'date').map((v) => [name, v] as const));
  const unknown = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 10 })), anyValue), { maxLength: 2 });
  return fc.tuple(fc.tuple(...entries), unknown, fc.boolean()).map(([known, extra, repeat]) => {
    const search = new URLSearchParams();
    for (const [name, value] of known) if (value !== null) search.append(name, value);
    for (const [name, value] of extra) search.append(name, value);
    // A repeated parameter: the first value counts (queryOf in lib/api/responses.ts).
    if (repeat && known[0][1] !== null) search.append(known[0][0], 'repeated');
    const text = search.toString();
    return text ? `?${text}` : '';
  });
}

interface Checked {
  status: number;
  body: unknown;
}

/** The answer is a 2xx or 4xx whose body matches its content type; 4xx bodies are the API's JSON error. */
async function wellFormed(answer: Promise<Response>): Promise<Checked> {
  const response = await answer;
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  expect(response.status, text).toBeGreaterThanOrEqual(200);
  expect(response.status, text).toBeLessThan(500);
  if (type.startsWith('text/csv')) {
    expect(response.status).toBe(200);
    expect(text.split('\n')[0]).toMatch(/^h3,/);
    return { status: response.status, body: text };
  }
  if (type.startsWith('application/vnd.apache.parquet')) {
    expect(response.status).toBe(200);
    expect(text.startsWith('PAR1')).toBe(true);
    return { status: response.status, body: text };
  }
  expect(type).toMatch(/^application\/(geo\+)?json/);
  const body: unknown = JSON.parse(text);
  if (response.status >= 400) errorResponseSchema.parse(body);
  return { status: response.status, body };
}

const hotspots = (query: string) => hotspotsRoute(new Request(`http://localhost/api/hotspots${query}`));
/** Next hands the handler the decoded path segment; a lone surrogate cannot be percent-encoded, so the URL gets U+FFFD. */
const hexagon = (cell: string, query: string) =>
  hexagonRoute(new Request(`http://localhost/api/hexagons/${encodeURIComponent(cell.replace(/\p{Cs}/gu, '\ufffd'))}${query}`), {
    params: Promise.resolve({ h3: cell }),
  });

/** Everything a read could have changed: the system's rows and sums, and the set of tables. */
async function fingerprint(db: Db): Promise<{ stored: Stored; tables: string[] }> {
  const tables = await queryRows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  return { stored: await storedCounts(db, SYSTEM), tables: tables.map((t) => t.name) };
}

describe.each(DATABASE_KINDS)('fuzzed API parameters on %s', (kind) => {
  let sim: RunningSimulator;
  let appDb: AppTestDatabase;
  let today = '';
  let cells: string[] = [];
  let before: Awaited<ReturnType<typeof fingerprint>>;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    // Two hours of polls ending now, so the data is fresh (health 200).
    const now = Math.floor(Date.now() / 60_000) * 60;
    sim = await startSimulator({ variant: 'velib', stations: 60, seed: 9, startTime: now - 7_200, stepSeconds: 300 });
    process.env.GBFS_SYSTEMS = `${SYSTEM}=${sim.gbfsUrl}`;
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    appDb = await pointAppAtTestDatabase(kind, 'fuzz');
    const cron = () => cronRoute(new Request('http://localhost/api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } }));
    for (let i = 0; i <= 24; i++) expect((await cron()).status).toBe(200);
    // The day of the polls' middle holds at least an hour of them, even when the run straddles Paris midnight.
    today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date((now - 3_600) * 1000));
    const answer = hotspotsResponseSchema.parse(await (await hotspots(`?date=${today}`)).json());
    cells = answer.hexagons.map((h) => h.h3);
    expect(cells.length).toBeGreaterThan(10);
    before = await fingerprint((await getDatabase()).db);
  });

  afterAll(async () => {
    await appDb.release();
    await sim?.close();
  });

  it('GET /api/hotspots: every parameter', async () => {
    const seen = new Map<number, number>();
    const query = queryOf({
      date: [today],
      system: [SYSTEM],
      from: ['0', '7', '12'],
      to: ['13', '20', '24'],
      resolution: ['7', '8', '9', '10'],
      metric: ['occupancy', 'bikes', 'ebikes', 'mechanical', 'full', 'empty'],
      limit: ['1', '5', '1000000'],
      format: ['json', 'geojson', 'csv', 'parquet'],
    });
    await checkProperty(
      fc.asyncProperty(query, async (q) => {
        const { status, body } = await wellFormed(hotspots(q));
        seen.set(status, (seen.get(status) ?? 0) + 1);
        if (status === 200 && !q.includes('format=') && typeof body === 'object') hotspotsResponseSchema.parse(body);
      }),
      RUNS,
    );
    // The fuzzing reached the database (200s) as often as the validation (400s), not just the latter.
    expect(seen.get(200)).toBeGreaterThan(RUNS / 20);
    expect(seen.get(400)).toBeGreaterThan(RUNS / 20);
  });

  it('GET /api/hexagons/{h3}: the cell and every parameter', async () => {
    const seen = new Map<number, number>();
    const cell = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...cells.slice(0, 5)) }, { weight: 1, arbitrary: anyValue });
    const query = queryOf({ date: [today], system: [SYSTEM], from: ['0', '8', '12'], to: ['13', '20', '24'] });
    await checkProperty(
      fc.asyncProperty(cell, query, async (c, q) => {
        const { status, body } = await wellFormed(hexagon(c, q));
        seen.set(status, (seen.get(status) ?? 0) + 1);
        if (status === 200) hexagonResponseSchema.parse(body);
      }),
      RUNS,
    );
    expect(seen.get(200)).toBeGreaterThan(RUNS / 20);
    expect(seen.get(400)).toBeGreaterThan(RUNS / 20);
  });

  it('GET /api/stations: any system parameter answers the stations, 400 or 404, never a 500', async () => {
    const seen = new Map<number, number>();
    const query = queryOf({ system: [SYSTEM, 'london'] });
    await checkProperty(
      fc.asyncProperty(query, async (q) => {
        const { status, body } = await wellFormed(stationsRoute(new Request(`http://localhost/api/stations${q}`)));
        seen.set(status, (seen.get(status) ?? 0) + 1);
        expect([200, 400, 404]).toContain(status);
        if (status === 200) expect(stationsResponseSchema.parse(body).system).toBe(SYSTEM);
      }),
      RUNS,
    );
    expect(seen.get(200)).toBeGreaterThan(0);
    expect(seen.get(400)).toBeGreaterThan(0);
  });

  it('GET /api/systems and /api/health: they take no parameter; whatever the query string, 200 and their shape', async () => {
    // Next hands every handler the request; these two ignore it, which is what is checked here.
    const systems: (request: Request) => Promise<Response> = systemsRoute;
    const health: (request: Request) => Promise<Response> = healthRoute;
    const query = queryOf({ system: [SYSTEM, 'london'], date: [today, '2025-02-30'] });
    await checkProperty(
      fc.asyncProperty(query, async (q) => {
        const listed = await wellFormed(systems(new Request(`http://localhost/api/systems${q}`)));
        expect(listed.status).toBe(200);
        expect(systemsResponseSchema.parse(listed.body).systems.map((s) => s.id)).toEqual([SYSTEM]);
        const report = await wellFormed(health(new Request(`http://localhost/api/health${q}`)));
        expect(report).toMatchObject({ status: 200, body: { healthy: true, database: { reachable: true, kind } } });
      }),
      30,
    );
  });

  it('left the stored data and the tables as they were', async () => {
    expect(await fingerprint((await getDatabase()).db)).toEqual(before);
  });
});
