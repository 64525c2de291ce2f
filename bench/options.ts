/** `npm run bench` settings: flags, then environment, then defaults sized for the 15-minute full run. */
import { parseArgs } from 'node:util';
import type { DatabaseKind } from '@/db/client';
import { loadConfig } from '@/lib/config';

export interface BenchOptions {
  /** Postgres database the benchmark may create and drop databases from. */
  adminUrl: string;
  engines: DatabaseKind[];
  /** History lengths, in days, measured one after the other on the same database. */
  stageDays: number[];
  rawRetentionDays: number;
  changedShare: number;
  pollsPerStage: number;
  checkStations: number;
  worldSystems: number;
  worldStations: number;
  worldRounds: number;
  worldConcurrency: number;
  /** Measure the built app too: autocannon and the page in Chromium. */
  server: boolean;
  /** Only the period answers, into the stages of an earlier full run's results (bench/periodsOnly.ts). */
  periodsOnly: boolean;
  /** Where results go; bench/results.json is the committed, full run. */
  output: string;
}

const HELP = `npm run bench [-- options]
  --engines pglite,postgres   which databases to measure
  --days 1,30,365             history stages (days) for hotspots and poll time
  --changed-share 0.1         stored status changes a minute (share of stations) before the measured day
  --polls 30                  timed polls per stage
  --check-stations 300        stations of the naive-vs-rollups equality check
  --world-systems 100         systems of the bulk ingest world (0: skip it)
  --world-stations 1000       stations per system
  --world-rounds 4            polls per system (the first one is the bulk load)
  --world-concurrency 4       systems stored at the same time
  --database-url URL          Postgres admin URL (BENCH_DATABASE_URL, TEST_DATABASE_URL)
  --skip-server               skip the running server (autocannon) and the page (Chromium)
  --only periods              only the period answers and each tier's cost to a poll, on rollups and
                              the daily tiers alone; written into the same stages of the results file
  --output FILE               results file (default bench/results.json)
Small runs for development: --days 1,3 --world-systems 10 --skip-server --output bench/results.local.json`;

const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

function positive(name: string, text: string, { integer = true, allowZero = false } = {}): number {
  const value = Number(text);
  const valid = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
  if (!valid) throw new Error(`--${name} must be a ${integer ? 'whole ' : ''}number${allowZero ? ' ≥ 0' : ' > 0'}, got "${text}"`);
  return value;
}

export function readBenchOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engines: { type: 'string', default: 'pglite,postgres' },
      days: { type: 'string', default: '1,30,365' },
      'changed-share': { type: 'string', default: '0.1' },
      polls: { type: 'string', default: '30' },
      'check-stations': { type: 'string', default: '300' },
      'world-systems': { type: 'string', default: '100' },
      'world-stations': { type: 'string', default: '1000' },
      'world-rounds': { type: 'string', default: '4' },
      'world-concurrency': { type: 'string', default: '4' },
      'database-url': { type: 'string', default: env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      output: { type: 'string', default: 'bench/results.json' },
      'skip-server': { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const engines = list(values.engines);
  for (const engine of engines) if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`unknown engine "${engine}"`);
  const stageDays = list(values.days).map((day) => positive('days', day));
  if (stageDays.some((day, i) => i > 0 && day <= stageDays[i - 1])) throw new Error('--days must increase');
  if (values.only !== undefined && values.only !== 'periods') throw new Error(`--only takes "periods", got "${values.only}"`);
  const changedShare = positive('changed-share', values['changed-share'], { integer: false });
  if (changedShare > 1) throw new Error('--changed-share is a share of stations, at most 1');
  return {
    adminUrl: values['database-url'],
    engines: engines as DatabaseKind[],
    stageDays,
    rawRetentionDays: loadConfig(env).RAW_RETENTION_DAYS || Number.POSITIVE_INFINITY,
    changedShare,
    pollsPerStage: positive('polls', values.polls),
    checkStations: positive('check-stations', values['check-stations']),
    worldSystems: positive('world-systems', values['world-systems'], { allowZero: true }),
    worldStations: positive('world-stations', values['world-stations']),
    worldRounds: positive('world-rounds', values['world-rounds']),
    worldConcurrency: positive('world-concurrency', values['world-concurrency']),
    server: !values['skip-server'] && values.only === undefined,
    periodsOnly: values.only === 'periods',
    output: values.output,
  };
}
