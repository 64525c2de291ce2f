/**
 * `npm run bench:explain`: the plans Postgres really runs for the app's queries at 30-day scale
 * (1,500 stations, 30 days of raw statuses and rollups, a month of run log). auto_explain logs
 * every statement the app's own functions send, with EXPLAIN (ANALYZE, BUFFERS) detail, through
 * one connection; the plans go to bench/explain.txt and their key lines to the terminal.
 * docs/scaling.md quotes them to justify each index.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from '@/db/schema';
import { migrateDatabase, type Database, type Db } from '@/db/client';
import { systemFreshness } from '@/lib/operations/healthSql';
import { dataVersion, systemOverviews } from '@/lib/systems/sql';
import { describeStations, hourlyFigures, windowFigures } from '@/lib/hotspots/sql';
import { pruneHistory } from '@/lib/ingest/retention';
import { queryRows } from '@/db/rows';
import { storePoll } from '@/lib/ingest/storePoll';
import { localDayWindow } from '@/lib/calendar';
import { runHistoryStages } from './historyStages';
import { readBenchOptions } from './options';
import { BENCH_SYSTEM, DAY, FIRST_LIVE_POLL, HISTORY_END, MEASURED_DAY, TIME_ZONE, storeArgs } from './timeline';
import { shiftSnapshot, velibSnapshots } from './velibSnapshots';

process.env.LOG_LEVEL = 'silent';
const DAYS = 30;
const OUTPUT = 'bench/explain.txt';

/** A month of one poll a minute in the run log, as the app writes it. */
async function fillRunLog(db: Db) {
  await db.execute(sql`
    insert into ingest_runs (system_id, trigger, started_at, finished_at, status, feed_time, stations_seen, rows_written, duration_ms)
    select ${BENCH_SYSTEM}, 'scheduler', to_timestamp(m * 60), to_timestamp(m * 60 + 1), case when m % 50 = 0 then 'failed' else 'ok' end,
      to_timestamp(m * 60), 1500, 500, 900
    from generate_series(${(HISTORY_END - DAYS * DAY) / 60}::bigint, ${HISTORY_END / 60 - 1}::bigint) m`);
  await db.execute(sql`analyze ingest_runs`);
}

/** Plan lines worth quoting: nodes with their actual rows and time, and how they find rows. */
function keyLines(plan: string): string[] {
  return plan
    .split('\n')
    .filter((line) => /actual time|Index Cond|Filter:|Rows Removed|Heap Fetches|Sort Method|duration:/.test(line))
    .map((line) => line.replace(/\(cost=[^)]*\) /, '').replace(/^duration: ([\d.]+) ms\s+plan:/, 'total $1 ms'));
}

/** auto_explain writes the statement between "Query Text:" and the plan's first node (the first line with a cost). */
function queryText(plan: string): string {
  const lines = plan.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Query Text:'));
  const end = lines.findIndex((line, i) => i > start && line.includes('(cost='));
  return lines.slice(start, end).join(' ').replace('Query Text:', '').replace(/\s+/g, ' ').trim();
}

const options = readBenchOptions([]);
const name = `gbfs_explain_${randomBytes(4).toString('hex')}`;
const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(options.adminUrl);
url.pathname = `/${name}`;
const notices: string[] = [];
// One connection: the session's auto_explain settings then apply to every statement, transactions included.
const client = postgres(url.toString(), { max: 1, onnotice: (notice) => notices.push(notice.message) });
const db = drizzle({ client, schema }) as unknown as Db;
const database: Database = { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
try {
  await migrateDatabase(database);
  const polls = await velibSnapshots({ stations: 1500, start: Date.UTC(2025, 5, 1, 22) / 1000, count: 8 });
  console.log(`building ${DAYS} days of history`);
  await runHistoryStages(database, polls, {
    stageDays: [DAYS],
    rawRetentionDays: options.rawRetentionDays,
    changedShare: options.changedShare,
    pollsPerStage: 5,
    naiveRuns: 1,
    log: (line) => console.log(line),
  });
  await fillRunLog(db);
  const [{ nextPoll }] = await queryRows<{ nextPoll: number }>(
    db,
    sql`select extract(epoch from max(feed_time))::float8 + 60 as "nextPoll" from polls where system_id = ${BENCH_SYSTEM}`,
  );
  const window = localDayWindow(MEASURED_DAY, 0, 24, TIME_ZONE);
  const [someStations] = await queryRows<{ ids: string[]; cells: string[] }>(
    db,
    sql`select array_agg(station_id) as ids, array_agg(distinct h3) as cells
        from (select station_id, h3 from stations where system_id = ${BENCH_SYSTEM} order by station_id limit 7) s`,
  );
  await client.unsafe(`load 'auto_explain';
    set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on;
    set auto_explain.log_timing = on; set auto_explain.log_level = notice`);
  const calls: [string, () => Promise<unknown>][] = [
    ['storePoll: one steady 1,500-station poll', () => storePoll(db, storeArgs(shiftSnapshot(polls[7], nextPoll - polls[7].feedTime)))],
    ['readQueries.windowFigures: one day (GET /api/hotspots)', () => windowFigures(db, BENCH_SYSTEM, window.start, window.end)],
    ['readQueries.hourlyFigures: one day of a hexagon (GET /api/hexagons/{h3})', () => hourlyFigures(db, BENCH_SYSTEM, window.start, window.end, someStations.cells)],
    ['readQueries.describeStations', () => describeStations(db, BENCH_SYSTEM, someStations.ids)],
    ['readQueries.dataVersion (every hotspots request)', () => dataVersion(db, BENCH_SYSTEM)],
    ['readQueries.systemOverviews (GET /api/systems)', () => systemOverviews(db)],
    ['health.systemFreshness (GET /api/health)', () => systemFreshness(db, [BENCH_SYSTEM])],
    [`retention.pruneHistory: a day past a ${DAYS - 1}-day retention`, () => pruneHistory(db, BENCH_SYSTEM, DAYS - 1, HISTORY_END)],
  ];
  const report: string[] = [];
  const full: string[] = [];
  for (const [label, call] of calls) {
    notices.length = 0;
    await call();
    const plans = notices.filter((notice) => notice.includes('plan:') && !/pg_advisory_xact_lock|^\s*(begin|commit)/i.test(notice));
    full.push(`=== ${label}`, ...plans, '');
    report.push(`=== ${label}`);
    for (const plan of plans) {
      report.push(`-- ${queryText(plan).slice(0, 110)}`, ...keyLines(plan), '');
    }
  }
  fs.writeFileSync(OUTPUT, `Plans of the app's queries at ${DAYS}-day scale (npm run bench:explain, ${new Date().toISOString().slice(0, 10)})\n\n${full.join('\n')}\n`);
  console.log(`${report.join('\n')}\nfull plans in ${OUTPUT}`);
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
