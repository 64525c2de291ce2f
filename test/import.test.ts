/**
 * `npm run import`: an archive landed at bulk speed is exactly what polling its snapshots one by
 * one through storePoll lands (every table the poll writes, compared row by row as Postgres
 * prints them, so bit for bit), on PGlite and on a Postgres server; overlapping imports merge or
 * are refused with a sentence; files that are not GBFS are counted and skipped; an import killed
 * half-way leaves the database as it was, and a second run lands everything. The Oslo weeks come
 * from GBFS_SAMPLES_DIR.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '@/db/schema';
import { openDatabase, type Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { archiveSeries, scanArchive, type ArchiveSeries } from '@/lib/import/archive';
import { importArchive, ImportInputError } from '@/lib/import/importArchive';
import { ImportRefusedError, landSnapshots, type SnapshotSeries } from '@/lib/import/land';
import { storePoll } from '@/lib/ingest/storePoll';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';
import { runCommand } from './support/runCommand';

process.env.LOG_LEVEL = 'silent';
const samples = process.env.GBFS_SAMPLES_DIR;
const OSLO = samples ? path.join(samples, 'oslo-bysykkel-weeks') : '';
/** The Oslo weeks are polled every ~20 min: a gap limit that observes them. */
const MAX_GAP = 3600;
const URL_OF = 'https://gbfs.urbansharing.com/oslobysykkel.no/gbfs.json';

/** The tables a poll writes, each with the columns that order its rows and those that differ by nature. */
const POLLED_TABLES: Record<string, { order: string; without?: string[] }> = {
  // rollups_rewritten_at: when the rollups were last derived other than by a poll, which an import is.
  systems: { order: 'id', without: ['id', 'updated_at', 'rollups_rewritten_at'] },
  stations: { order: 'station_id' },
  station_versions: { order: 'station_id, valid_from' },
  station_status: { order: 'station_id, feed_time' },
  station_state: { order: 'station_id' },
  station_hourly: { order: 'hour_start, station_id, h3' },
  station_daily: { order: 'local_day, station_id, h3' },
  system_daily: { order: 'local_day' },
  station_episodes: { order: 'kind, station_id, start_time' },
  // The run's id and wall-clock times, and how it was started, differ between two ways of landing.
  polls: { order: 'feed_time', without: ['run_id'] },
  ingest_runs: { order: 'feed_time', without: ['id', 'trigger', 'started_at', 'finished_at', 'duration_ms'] },
};
/** Tables a poll does not write: the forecast (fitted after it) and the list of systems to poll. */
const NOT_POLLED = ['forecast_models', 'forecast_station_models', 'forecast_issues', 'forecast_scores', 'added_systems', 'paused_systems'];

/** A table's rows of one system as Postgres prints them (floats in their shortest exact form), system id left out. */
async function tableRows(db: Db, table: string, systemId: string): Promise<string[]> {
  const { order, without = [] } = POLLED_TABLES[table];
  const key = table === 'systems' ? 'id' : 'system_id';
  const dropped = [key, ...without].map((column) => ` - '${column}'`).join('');
  // A poll that finds the feed unchanged logs a run and writes nothing: only the runs that landed compare.
  const landedOnly = table === 'ingest_runs' ? " and t.status = 'ok'" : '';
  const rows = await queryRows<{ row: string }>(
    db,
    sql.raw(`select (to_jsonb(t)${dropped})::text as row from ${table} t where ${key} = '${systemId}'${landedOnly} order by ${order}`),
  );
  return rows.map((r) => r.row);
}

async function everyTable(db: Db, systemId: string): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of Object.keys(POLLED_TABLES)) tables[table] = await tableRows(db, table, systemId);
  return tables;
}

const rowCounts = (tables: Record<string, string[]>) => Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]));

/** The part of a series in [from, to). */
function slice(series: SnapshotSeries, from: number, to: number): SnapshotSeries {
  return {
    feedTimes: series.feedTimes.filter((t) => t >= from && t < to),
    async *snapshots(after) {
      for await (const snapshot of series.snapshots(after)) if (snapshot.feedTime >= from && snapshot.feedTime < to) yield snapshot;
    },
  };
}

async function pollEach(db: Db, systemId: string, series: SnapshotSeries): Promise<void> {
  for await (const snapshot of series.snapshots(null)) {
    await storePoll(db, { systemId, gbfsUrl: URL_OF, snapshot, maxGapSeconds: MAX_GAP, run: { systemId, trigger: 'test', startedAt: Date.now() } });
  }
}

const land = (db: Db, systemId: string, series: SnapshotSeries) => landSnapshots(db, { systemId, gbfsUrl: URL_OF, maxGapSeconds: MAX_GAP, series });

it('covers every table with a system of the schema: those a poll writes, compared, and the others named', () => {
  const withSystem = (Object.values(schema) as unknown[])
    .filter((table): table is PgTable => is(table, PgTable))
    .map((table) => getTableConfig(table))
    .filter((config) => config.columns.some((column) => column.name === 'system_id') || ['systems', 'added_systems'].includes(config.name))
    .map((config) => config.name);
  expect([...withSystem].sort()).toEqual([...Object.keys(POLLED_TABLES), ...NOT_POLLED].sort());
});

/**
 * The reference: the archive polled one snapshot at a time through storePoll, once, on the
 * Postgres server (the faster of the two at it); each engine's import is compared with it, so the
 * comparison also holds the two engines to the same rows.
 */
let polledOnce: Promise<Record<string, string[]>> | null = null;
function polledReference(series: SnapshotSeries): Promise<Record<string, string[]>> {
  polledOnce ??= (async () => {
    const database = await openTestDatabase('postgres');
    try {
      await pollEach(database.db, 'polled', series);
      return await everyTable(database.db, 'polled');
    } finally {
      await database.close();
    }
  })();
  return polledOnce;
}

describe.skipIf(!samples).each(DATABASE_KINDS)('the Oslo weeks imported on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let series: ArchiveSeries;
  let polled: Record<string, string[]>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    series = await archiveSeries(await scanArchive([OSLO]), { systemId: 'oslo', timezone: 'Europe/Oslo' });
  }, 120_000);
  afterAll(() => database?.close());

  it('lands every table exactly as storePoll polling the 1,756 snapshots one by one', async () => {
    polled = await polledReference(series);
    const landed = await land(db, 'polled', series);
    const imported = await everyTable(db, 'polled');
    expect(landed.snapshots).toBe(1756);
    // Enough of every kind of row for the comparison to mean something.
    expect(rowCounts(polled)).toMatchObject({ polls: 1756, stations: 260, station_state: 260, system_daily: 28 });
    expect(polled.station_status.length).toBeGreaterThan(400_000);
    expect(polled.station_hourly.length).toBeGreaterThan(150_000);
    for (const table of Object.keys(POLLED_TABLES)) expect({ table, rows: imported[table] }).toEqual({ table, rows: polled[table] });
  }, 900_000);

  it('merges an import that continues the stored polls: the halves land as the whole, rollups recounted from the first touched hour', async () => {
    const middle = series.feedTimes[900];
    // A system whose history was imported and then polled (100 polls) up to the middle; then the
    // whole archive imported: the stored part is skipped, the rest continues the polls.
    await land(db, 'continued', slice(series, 0, series.feedTimes[800]));
    await pollEach(db, 'continued', slice(series, series.feedTimes[800], middle));
    const continued = await land(db, 'continued', series);
    expect(continued).toMatchObject({ alreadyStored: 900, snapshots: 856, previousFeedTime: series.feedTimes[899] });
    // The hour of the last stored poll was touched by both: its rollups and its day's tiers were recounted.
    expect(continued.tiersFrom).toBe('2022-11-07');
    expect(await everyTable(db, 'continued')).toEqual(polled);
    // The same archive again: nothing to land, nothing changed.
    const again = await land(db, 'continued', series);
    expect(again).toMatchObject({ snapshots: 0, alreadyStored: 1756 });
    expect(await everyTable(db, 'continued')).toEqual(polled);
  }, 600_000);

  it('refuses, with a sentence and nothing written, snapshots older than the stored polls that were not stored', async () => {
    const middle = series.feedTimes[1700];
    await land(db, 'newer', slice(series, middle, Infinity));
    const before = await everyTable(db, 'newer');
    const refusal = await land(db, 'newer', slice(series, series.feedTimes[1600], Infinity)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect((refusal as Error).message).toBe(
      'newer already holds polls up to 2022-11-19T23:42:34.000Z, and 100 snapshots of the import (2022-11-17T17:04:26.000Z to 2022-11-19T05:02:53.000Z) are older without being stored: ' +
        'landing them would recount every hour after them. Nothing was imported. Import into another system id (--system newer-archive) or into a database without newer\'s polls.',
    );
    expect(await everyTable(db, 'newer')).toEqual(before);
  }, 300_000);
});

/** A folder of the first `count` Oslo snapshots (copies: the shared folder stays read-only). */
function osloCopy(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-import-'));
  const folders = fs.readdirSync(OSLO).filter((name) => /^\d{4}-/.test(name)).sort().slice(0, count);
  for (const folder of folders) fs.cpSync(path.join(OSLO, folder), path.join(dir, folder), { recursive: true });
  fs.cpSync(path.join(OSLO, 'info'), path.join(dir, 'info'), { recursive: true });
  return dir;
}

describe.skipIf(!samples)('files that are not what they seem', () => {
  let dir: string;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    dir = osloCopy(40);
    const first = fs.readdirSync(dir).sort()[0];
    const status = fs.readFileSync(path.join(dir, first, 'station_status.json'));
    const junk = path.join(dir, 'junk');
    fs.mkdirSync(junk);
    fs.writeFileSync(path.join(junk, 'empty.json'), '');
    fs.writeFileSync(path.join(junk, 'blank.json'), ' \n');
    fs.writeFileSync(path.join(junk, 'cut.json'), status.subarray(0, 5000));
    fs.writeFileSync(path.join(junk, 'page.json'), '<!doctype html><title>502</title>');
    fs.writeFileSync(path.join(junk, 'export.json'), JSON.stringify([{ stationcode: '16107', numbikesavailable: 3 }]));
    fs.writeFileSync(path.join(junk, 'gbfs.json'), JSON.stringify({ last_updated: 1, ttl: 0, data: { en: { feeds: [] } } }));
    fs.writeFileSync(path.join(junk, 'no-stations.json'), JSON.stringify({ last_updated: 1, ttl: 0, data: { stations: [] } }));
    // The same snapshot under another name: a poll would find it unchanged.
    fs.writeFileSync(path.join(junk, '1666570714.json'), status);
    // A system_information written in Latin-1 ("Bysykkel Øst" with Ø as the single byte D8): read as a live poll reads it.
    fs.writeFileSync(
      path.join(junk, 'system.json'),
      Buffer.concat([Buffer.from('{"last_updated": 1666548064, "ttl": 10, "data": {"system_id": "oslobysykkel", "name": "Bysykkel '), Buffer.from([0xd8]), Buffer.from('st", "timezone": "Europe/Oslo", "language": "nb"}}')]),
    );
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts each by reason, lands the rest, and reads the Latin-1 name as a poll would', async () => {
    const summary = await importArchive(database.db, { roots: [dir], maxGapSeconds: MAX_GAP });
    expect(summary.files.skipped).toEqual({ empty: 2, truncated: 1, not_json: 1, not_gbfs: 1, other_feed: 1, no_stations: 1, duplicate_feed_time: 1 });
    expect(summary.files.latin1).toBe(1);
    expect(summary.files.byKind).toEqual({ station_status: 41, station_information: 1, system_information: 1, vehicle_types: 0 });
    expect(summary.snapshots.landed).toBe(40);
    // The system is named and zoned by its system_information, its id taken from it, and listed (paused: nothing to poll).
    expect(summary.system).toMatchObject({ id: 'oslobysykkel', name: 'Bysykkel Øst', timezone: 'Europe/Oslo', zoneSource: 'system_information', listing: 'added, paused' });
    expect(summary.gaps.maxGapSeconds).toBe(MAX_GAP);
  });

  it('says what is wrong when there is nothing to import', async () => {
    const only = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-import-'));
    fs.writeFileSync(path.join(only, 'notes.txt'), 'nothing here');
    const error = await importArchive(database.db, { roots: [only], maxGapSeconds: MAX_GAP }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toBe(`${only}: no station_status document was found`);
    fs.rmSync(only, { recursive: true });
  });
});

describe('npm run import: bad arguments', () => {
  it.each([
    [[], 'name the folder to import'],
    [['/nonexistent/archive'], '/nonexistent/archive does not exist'],
    [['.', '--max-gap', 'soon'], '--max-gap soon is not a whole number of seconds'],
    [['.', '--bogus'], "Unknown option '--bogus'"],
  ])('%j exits 2 with the sentence "%s"', async (args, sentence) => {
    const { exitCode, stderr } = await runCommand('cli/import.ts', args as string[], { env: { DATABASE_URL: undefined, DATA_DIR: os.tmpdir() } });
    expect(exitCode).toBe(2);
    expect(stderr).toContain(sentence);
  });
});

/** Starts `npm run import` in a child and kills it (SIGKILL: no handler runs) once it has landed `tenths` tenths of the snapshots. */
async function killImportMidway(args: string[], env: Record<string, string | undefined>, tenths: number): Promise<string> {
  const { NODE_OPTIONS: _vitestOptions, ...environment } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/import.ts', ...args], { env: { ...environment, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (text: string) => {
      stderr += text;
      const landed = [...stderr.matchAll(/landing snapshots: ([\d,]+) of ([\d,]+)/g)].pop();
      if (landed && Number(landed[1].replace(/,/g, '')) >= (tenths / 10) * Number(landed[2].replace(/,/g, ''))) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => (signal === 'SIGKILL' ? resolve(stderr) : reject(new Error(`the import ended (${code}) before it was killed:\n${stderr}`))));
  });
}

describe.skipIf(!samples).each(DATABASE_KINDS)('an import killed half-way on %s', (kind) => {
  let dir: string;
  let dataDir: string;
  let database: TestDatabase | null = null;
  beforeAll(async () => {
    dir = osloCopy(500);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-import-db-'));
    if (kind === 'postgres') database = await openTestDatabase('postgres');
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves the database as it was, and the next run lands everything', async () => {
    const env = { DATABASE_URL: database?.url ?? undefined, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const args = [dir, '--system', 'oslo', '--max-gap', String(MAX_GAP)];
    const stderr = await killImportMidway(args, env, 6);
    // Batches of rows had been sent when it was killed.
    expect(stderr).toMatch(/landing snapshots: [3-9]\d\d of 500/);

    const opened = await openDatabase({ url: database?.url ?? undefined, dataDir: database ? undefined : dataDir });
    try {
      const tables = await everyTable(opened.db, 'oslo');
      expect(Object.values(tables).every((rows) => rows.length === 0)).toBe(true);
      const [listed] = await queryRows<{ n: number }>(opened.db, sql`select count(*)::int as n from added_systems where id = 'oslo'`);
      expect(listed.n).toBe(0);
    } finally {
      await opened.close();
    }

    const rerun = await runCommand('cli/import.ts', [...args, '--json'], { env });
    expect(rerun.exitCode).toBe(0);
    const reopened = await openDatabase({ url: database?.url ?? undefined, dataDir: database ? undefined : dataDir });
    try {
      expect(rowCounts(await everyTable(reopened.db, 'oslo'))).toMatchObject({ polls: 500, ingest_runs: 500, systems: 1 });
    } finally {
      await reopened.close();
    }
  }, 600_000);
});
