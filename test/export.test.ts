/**
 * Data export (GET /api/export, `npm run export`, lib/export): two local days of simulated polls,
 * a fall-back day included, exported as Parquet and CSV through the route and the library, then
 * read back by DuckDB (an independent reader) and compared with SQL on the database. Then a
 * period of 1.6 million statuses: `npm run export` writes every row, in order, and the library
 * reads it in bounded keyset pages. How much memory the command needs for it is a benchmark
 * (`npm run bench:export`, bench/exportMemory.ts), not an assertion a loaded machine could decide.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as exportRoute } from '@/app/api/export/route';
import { GET as cronRoute } from '@/app/api/cron/ingest/route';
import { exportQuerySchema } from '@/lib/export/schemas';
import { openExport, PAGE_ROWS } from '@/lib/export/exportPeriod';
import { readableStreamOf } from '@/lib/export/exportResponse';
import { localDayWindow } from '@/lib/calendar';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { getDatabase, type Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { fillBigStatuses, statusFigures } from './support/bigStatuses';
import { DATABASE_KINDS, openTestDatabase, pointAppAtTestDatabase, type AppTestDatabase, type TestDatabase } from './support/databases';
import { duckdbRows, fileLiteral } from './support/duckdb';
import { runExportCommand } from './support/runCommand';

const SECRET = 'export-secret-7f3a';
const SYSTEM = 'paris';
const ZONE = 'Europe/Paris';
/** 2025-10-25 00:00 in Paris; the next day, 26 October, has 25 hours (clocks go back at 03:00). */
const START = Date.UTC(2025, 9, 24, 22) / 1000;
const STEP = 1800;
/** From the first local day's midnight to the third's: every half hour of 49 hours, both ends included. */
const POLLS = (49 * 3600) / STEP + 1;
const QUOTED_NAME = 'Rue "Haute", Paris';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-export-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const get = (query: string) => exportRoute(new Request(`http://localhost/api/export${query}`));

async function saveResponse(response: Response, name: string): Promise<string> {
  const file = path.join(folder, name);
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return file;
}

function rangeOf(start: string, end: string) {
  return { start: localDayWindow(start, 0, 24, ZONE).start, end: localDayWindow(end, 0, 24, ZONE).end };
}

const HOURLY_SUMS = ['observed_s', 'bike_s', 'typed_s', 'ebike_s', 'mechanical_s', 'dock_s', 'full_s', 'empty_s'];

async function hourlyInDatabase(db: Db, range: { start: number; end: number }) {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql.raw(`select count(*)::int as rows, ${HOURLY_SUMS.map((c) => `sum(${c})::float8 as ${c}`).join(', ')}
             from station_hourly where system_id = '${SYSTEM}'
               and hour_start >= to_timestamp(${range.start}) and hour_start < to_timestamp(${range.end})`),
  );
  return row;
}

async function hourlyInFile(source: string) {
  const [row] = await duckdbRows(`select count(*)::int as rows, ${HOURLY_SUMS.map((c) => `sum(${c})::double as ${c}`).join(', ')} from ${source}`);
  return row;
}

describe.each(DATABASE_KINDS)('data export on %s', (kind) => {
  let sim: RunningSimulator;
  let appDb: AppTestDatabase;
  let db: Db;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    sim = await startSimulator({ variant: 'velib', stations: 30, seed: 13, startTime: START, stepSeconds: STEP });
    process.env.GBFS_SYSTEMS = `${SYSTEM}=${sim.gbfsUrl}`;
    process.env.CRON_SECRET = SECRET;
    process.env.FETCH_RETRIES = '0';
    // Half-hourly polls credit the time between them.
    process.env.MAX_GAP_SECONDS = String(STEP);
    appDb = await pointAppAtTestDatabase(kind, 'export');
    const cron = () => cronRoute(new Request('http://localhost/api/cron/ingest', { headers: { authorization: `Bearer ${SECRET}` } }));
    for (let i = 0; i < POLLS; i++) expect((await cron()).status).toBe(200);
    db = (await getDatabase()).db;
    const [first] = await queryRows<{ id: string }>(db, sql`select min(station_id) as id from stations where system_id = ${SYSTEM}`);
    await db.execute(sql`update stations set name = ${QUOTED_NAME} where system_id = ${SYSTEM} and station_id = ${first.id}`);
  }, 120_000);

  afterAll(async () => {
    delete process.env.MAX_GAP_SECONDS;
    await appDb?.release();
    await sim?.close();
  });

  it('the library streams the hourly rollups as Parquet: DuckDB counts the rows and sums the integrals the database holds', async () => {
    const query = exportQuerySchema.parse({ system: SYSTEM, start: '2025-10-25', end: '2025-10-26', table: 'hourly' });
    const exported = await openExport(query);
    expect(exported.fileName).toBe('paris-hourly-2025-10-25-2025-10-26.parquet');
    const file = path.join(folder, `${kind}-${exported.fileName}`);
    await pipeline(Readable.from(exported.chunks), fs.createWriteStream(file));
    const source = `read_parquet(${fileLiteral(file)})`;

    const expected = await hourlyInDatabase(db, rangeOf('2025-10-25', '2025-10-26'));
    expect(expected.rows).toBeGreaterThan(30 * 48);
    expect(await hourlyInFile(source)).toEqual(expected);
    expect(exported.progress.rows).toBe(expected.rows);
    expect(exported.progress.bytes).toBe(fs.statSync(file).size);

    const types = await duckdbRows(`select column_name, column_type from (describe select * from ${source})`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toEqual({
      station_id: 'VARCHAR',
      code: 'VARCHAR',
      name: 'VARCHAR',
      h3: 'VARCHAR',
      local_date: 'DATE',
      local_hour: 'INTEGER',
      hour_start: 'TIMESTAMP WITH TIME ZONE',
      ...Object.fromEntries(HOURLY_SUMS.map((c) => [c, 'DOUBLE'])),
    });
    const metadata = await duckdbRows(`select decode(key) as key, decode(value) as value from parquet_kv_metadata(${fileLiteral(file)})`);
    expect(Object.fromEntries(metadata.map((m) => [m.key, m.value]))).toMatchObject({
      system: SYSTEM,
      timezone: ZONE,
      table: 'hourly',
      start: '2025-10-25',
      end: '2025-10-26',
      period_start: '2025-10-24T22:00:00.000Z',
      period_end: '2025-10-26T23:00:00.000Z',
      generator: expect.stringMatching(/^gbfs-hotspots /),
    });
    const [renamed] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from station_hourly h join stations s using (system_id, station_id)
          where h.system_id = ${SYSTEM} and s.name = ${QUOTED_NAME} and h.hour_start < to_timestamp(${rangeOf('2025-10-25', '2025-10-26').end})`,
    );
    expect(renamed.n).toBeGreaterThan(40);
    expect(await duckdbRows(`select count(*)::int as n from ${source} where name = '${QUOTED_NAME}'`)).toEqual([renamed]);
  });

  it("local day and hour are the system's wall clock, as Postgres's own zone rules say: 26 October reads 02:00 twice", async () => {
    const file = path.join(folder, `${kind}-local.parquet`);
    const exported = await openExport(exportQuerySchema.parse({ system: SYSTEM, start: '2025-10-25', end: '2025-10-26', table: 'hourly' }));
    await pipeline(Readable.from(exported.chunks), fs.createWriteStream(file));
    const fromFile = await duckdbRows(
      `select local_date::varchar as day, local_hour as hour, epoch(hour_start)::bigint::int as start, count(*)::int as rows
       from read_parquet(${fileLiteral(file)}) group by all order by start`,
    );
    const range = rangeOf('2025-10-25', '2025-10-26');
    const fromDatabase = await queryRows<{ day: string; hour: number; start: number; rows: number }>(
      db,
      sql`select to_char(hour_start at time zone ${ZONE}, 'YYYY-MM-DD') as day, extract(hour from hour_start at time zone ${ZONE})::int as hour,
            extract(epoch from hour_start)::int as start, count(*)::int as rows
          from station_hourly where system_id = ${SYSTEM} and hour_start >= to_timestamp(${range.start}) and hour_start < to_timestamp(${range.end})
          group by hour_start order by hour_start`,
    );
    expect(fromFile).toEqual(fromDatabase);
    const fallBack = fromFile.filter((h) => h.day === '2025-10-26');
    expect(fallBack).toHaveLength(25);
    expect(fallBack.filter((h) => h.hour === 2)).toHaveLength(2);
  });

  it('GET /api/export streams the raw statuses as a Parquet attachment: rows, bikes and docks as stored', async () => {
    const response = await get(`?system=${SYSTEM}&start=2025-10-26&end=2025-10-26&table=statuses&format=parquet`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="paris-statuses-2025-10-26-2025-10-26.parquet"');
    expect(response.body).toBeInstanceOf(ReadableStream);
    const file = await saveResponse(response, `${kind}-statuses.parquet`);
    const [fromFile] = await duckdbRows(
      `select count(*)::int as rows, sum(bikes)::double as bikes, sum(docks)::double as docks, coalesce(sum(ebikes), 0)::double as ebikes,
         (count(*) filter (where not present))::int as absent, min(local_date)::varchar as first_day, max(local_date)::varchar as last_day,
         min(epoch(feed_time))::bigint::int as first_poll, max(epoch(feed_time))::bigint::int as last_poll
       from read_parquet(${fileLiteral(file)})`,
    );
    const range = rangeOf('2025-10-26', '2025-10-26');
    const { storedBytes: _, ...expected } = await statusFigures(db, SYSTEM, range);
    expect(expected.rows).toBeGreaterThan(30);
    // Only the statuses of polls inside the local day: its first poll at local midnight, its last half an hour before the next.
    expect(fromFile).toEqual({ ...expected, first_day: '2025-10-26', last_day: '2025-10-26', first_poll: range.start, last_poll: range.end - STEP });
    const types = await duckdbRows(`select column_name, column_type from (describe select * from read_parquet(${fileLiteral(file)}))`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({
      feed_time: 'TIMESTAMP WITH TIME ZONE',
      last_reported: 'TIMESTAMP WITH TIME ZONE',
      bikes: 'INTEGER',
      ebikes: 'INTEGER',
      present: 'BOOLEAN',
    });
  });

  it('GET /api/export?format=csv: a header, a line per row, a name with a comma and quotes quoted; DuckDB reads it back', async () => {
    const response = await get(`?system=${SYSTEM}&start=2025-10-25&end=2025-10-26&table=hourly&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="paris-hourly-2025-10-25-2025-10-26.csv"');
    const file = await saveResponse(response, `${kind}-hourly.csv`);
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('station_id,code,name,h3,local_date,local_hour,hour_start,' + HOURLY_SUMS.join(','));
    const expected = await hourlyInDatabase(db, rangeOf('2025-10-25', '2025-10-26'));
    expect(lines).toHaveLength(expected.rows + 1);
    expect(text).toContain(',"Rue ""Haute"", Paris",');
    expect(lines[1]).toMatch(/,2025-10-25,0,2025-10-24T22:00:00\.000Z,/);
    expect(await hourlyInFile(`read_csv(${fileLiteral(file)})`)).toEqual(expected);
  });

  it('a period without data is a valid file with the columns and no row (366 days of a leap year are allowed; the system defaults to the first)', async () => {
    const response = await get('?start=2024-01-01&end=2024-12-31&table=statuses');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="paris-statuses-2024-01-01-2024-12-31.parquet"');
    const file = await saveResponse(response, `${kind}-empty.parquet`);
    expect(await duckdbRows(`select count(*)::int as n from read_parquet(${fileLiteral(file)})`)).toEqual([{ n: 0 }]);
  });

  it.each([
    ['end before start', 'start=2025-10-26&end=2025-10-25&table=hourly', 'end', /end must not be before start/],
    ['367 days', 'start=2025-01-01&end=2026-01-02&table=hourly', 'end', /at most 366 days/],
    ['no start', 'end=2025-10-25&table=hourly', 'start', /start is required \(YYYY-MM-DD\)/],
    ['a day that does not exist', 'start=2025-02-30&end=2025-03-01&table=hourly', 'start', /start is not a real calendar date/],
    ['an unknown table', 'start=2025-10-25&end=2025-10-25&table=rollups', 'table', /table must be one of hourly, statuses/],
    ['no table', 'start=2025-10-25&end=2025-10-25', 'table', /table must be one of hourly, statuses/],
    ['an unknown format', 'start=2025-10-25&end=2025-10-25&table=hourly&format=xlsx', 'format', /format must be one of parquet, csv/],
    ['a malformed system id', 'system=DROP%20TABLE&start=2025-10-25&end=2025-10-25&table=hourly', 'system', /a system id is/],
  ])('%s: 400 with a JSON error naming the parameter', async (_, query, parameter, message) => {
    const response = await get(`?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: string; message: string; parameter: string } };
    expect(body.error).toMatchObject({ code: 'invalid_parameter', parameter });
    expect(body.error.message).toMatch(message);
  });

  it('an unknown system: 404 naming it, before any byte of a file', async () => {
    const response = await get('?system=london&start=2025-10-25&end=2025-10-25&table=hourly');
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; message: string; parameter: string } };
    expect(body.error).toMatchObject({ code: 'unknown_system', parameter: 'system' });
    expect(body.error.message).toMatch(/unknown system "london"/);
  });
});

describe('an export of 1.6 million statuses (Postgres)', () => {
  const BIG = 'big';
  /** 2,000 stations polled every 90 s for 20 hours of one local day. */
  const STATIONS = 2_000;
  const BIG_POLLS = 800;
  const BIG_DAY = '2025-06-01';
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    const range = localDayWindow(BIG_DAY, 0, 24, ZONE);
    await fillBigStatuses(database.db, { systemId: BIG, timezone: ZONE, stations: STATIONS, polls: BIG_POLLS, start: range.start, stepSeconds: 90 });
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  /** The first and the last status of the day in export order (feed time, then station), as the database holds them. */
  async function edgeRows(range: { start: number; end: number }) {
    const edge = (order: 'asc' | 'desc') =>
      queryRows<Record<string, unknown>>(
        database.db,
        sql`select station_id, extract(epoch from feed_time)::int as feed_time, bikes, docks, ebikes, mechanical, present
            from station_status where system_id = ${BIG} and feed_time >= to_timestamp(${range.start}) and feed_time < to_timestamp(${range.end})
            order by feed_time ${sql.raw(order)}, station_id ${sql.raw(order)} limit 1`,
      );
    return { first: (await edge('asc'))[0], last: (await edge('desc'))[0] };
  }

  it('npm run export writes every row of the period, in export order, first and last rows as stored', async () => {
    const range = localDayWindow(BIG_DAY, 0, 24, ZONE);
    const expected = await statusFigures(database.db, BIG, range);
    expect(expected.rows).toBe(STATIONS * BIG_POLLS);
    const out = path.join(folder, 'big-statuses.parquet');
    const big = await runExportCommand(['--system', BIG, '--start', BIG_DAY, '--end', BIG_DAY, '--table', 'statuses', '--out', out], {
      env: { DATABASE_URL: database.url ?? '', LOG_LEVEL: 'silent' },
    });
    expect(big.exitCode, big.stderr).toBe(0);
    expect(big.stderr).toMatch(new RegExp(`${BIG} statuses ${BIG_DAY}\\.\\.${BIG_DAY}: ${expected.rows} rows`));
    const source = `read_parquet(${fileLiteral(out)}, file_row_number = true)`;

    const [fromFile] = await duckdbRows(
      `select count(*)::int as rows, sum(bikes)::double as bikes, sum(docks)::double as docks, coalesce(sum(ebikes), 0)::double as ebikes,
         (count(*) filter (where not present))::int as absent
       from ${source}`,
    );
    const { storedBytes: _, ...figures } = expected;
    expect(fromFile).toEqual(figures);
    // Each row after the one before it in (feed time, station): no page repeated, none skipped
    // (with the count above, exactly the rows of the period).
    const [order] = await duckdbRows(
      `select count(*)::int as out_of_order from (
         select feed_time, station_id, lag(feed_time) over w as previous_time, lag(station_id) over w as previous_station
         from ${source} window w as (order by file_row_number))
       where previous_time is not null and (feed_time, station_id) <= (previous_time, previous_station)`,
    );
    expect(order).toEqual({ out_of_order: 0 });
    const edges = await duckdbRows(
      `select station_id, epoch(feed_time)::int as feed_time, bikes, docks, ebikes, mechanical, present
       from ${source} where file_row_number in (0, ${expected.rows - 1}) order by file_row_number`,
    );
    const stored = await edgeRows(range);
    expect(edges).toEqual([stored.first, stored.last]);
  }, 120_000);

  it('the library reads the period in keyset pages of at most PAGE_ROWS rows, each row once', async () => {
    const range = localDayWindow(BIG_DAY, 0, 24, ZONE);
    const rows = STATIONS * BIG_POLLS;
    // Every statement the export runs goes through `execute`: the rows of each answer are counted.
    const pages: number[] = [];
    const counting = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<Db['execute']>) => {
          const result: unknown = await target.execute(...args);
          const answer = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
          if (answer.length > 0 && 'feedTime' in (answer[0] as object)) pages.push(answer.length);
          return result;
        };
      },
    });
    const exported = await openExport(exportQuerySchema.parse({ system: BIG, start: BIG_DAY, end: BIG_DAY, table: 'statuses', format: 'csv' }), counting);
    let lines = 0;
    for await (const chunk of exported.chunks) for (const byte of chunk) if (byte === 10) lines++;
    expect(exported.progress.rows).toBe(rows);
    expect(lines).toBe(rows + 1);
    expect(Math.max(...pages)).toBe(PAGE_ROWS);
    expect(pages.reduce((sum, n) => sum + n, 0)).toBe(rows);
    expect(pages).toHaveLength(Math.ceil(rows / PAGE_ROWS));
    expect(exported.range).toEqual(range);
  }, 120_000);

  it('npm run export with bad options, or an unknown system: one sentence naming the option, exit code 1, no file', async () => {
    const out = path.join(folder, 'refused.parquet');
    const env = { DATABASE_URL: database.url ?? '', LOG_LEVEL: 'silent' };
    const cases: Array<[string[], RegExp]> = [
      [['--start', '2025-06-02', '--end', '2025-06-01', '--table', 'hourly'], /^--end: end must not be before start\n/],
      [['--start', '2025-06-01', '--end', '2025-06-01', '--table', 'hourly', '--format', 'xlsx'], /^--format: format must be one of parquet, csv\n/],
      [['--start', '2025-06-01', '--end', '2025-06-01', '--table', 'hourly', '--bogus'], /^Unknown option '--bogus'/],
      [['--system', 'nowhere', '--start', '2025-06-01', '--end', '2025-06-01', '--table', 'hourly'], /^--system: unknown system "nowhere": nothing is stored for it\n/],
    ];
    for (const [args, message] of cases) {
      const result = await runExportCommand([...args, '--out', out], { env });
      expect(result.exitCode, result.stderr).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(fs.existsSync(out) || fs.existsSync(`${out}.partial`)).toBe(false);
    }
  }, 60_000);

  it('the stream reads the database only as fast as its reader takes chunks, and stops when the reader goes away', async () => {
    const query = exportQuerySchema.parse({ system: BIG, start: BIG_DAY, end: BIG_DAY, table: 'statuses', format: 'csv' });
    const exported = await openExport(query, database.db);
    const reader = readableStreamOf(exported.chunks, () => {}).getReader();
    const header = await reader.read();
    expect(new TextDecoder().decode(header.value)).toMatch(/^station_id,code,name,feed_time,/);
    await reader.read();
    // The page encoded, perhaps the next one: never the 1.6 million rows of the period.
    expect(exported.progress.rows).toBeLessThanOrEqual(2 * PAGE_ROWS);
    await reader.cancel();
    const afterCancel = exported.progress.rows;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(exported.progress.rows).toBe(afterCancel);
  });
});
