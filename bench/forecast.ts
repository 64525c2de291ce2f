/**
 * `npm run bench:forecast`: the forecast's backtest on two histories, stored the way the app
 * stores polls (bench/forecastHistories.ts), and the fit time; printed as Markdown and kept in
 * bench/results.json under `forecastBacktest` (the rest of the file is left as it is).
 *
 * 1. Simulated: the Vélib-size city, 1,500 stations, 8 weeks polled every 20 minutes through
 *    storePoll (Postgres). Backtest over the last 14 days.
 * 2. Oslo: the four recorded weeks (GBFS_SAMPLES_DIR/oslo-bysykkel-weeks) replayed through the
 *    cron route. Backtest over the last 7 days (the history is 27 days: earlier origins would
 *    stand on less than 3 weeks).
 *
 * For each: MAE per horizon of the model, persistence and the seasonal profile, the target, the
 * origins; the fit (reading 4 weeks of history + fitSystemModel, as a nightly refit does); the cost of
 * refitting at every origin instead of every local midnight (one day of origins); and the share
 * of hourly variance the weekday × hour profile leaves unexplained (the simulator's realism).
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, type Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { hourlySpan } from '@/lib/forecast/historySql';
import { systemToBacktest } from '@/cli/backtestRun';
import { backtestReadDays, readSystemHistories, type SystemRef } from '@/lib/forecast/storedHistories';
import { backtest, type BacktestResult } from '@/lib/forecast/backtest';
import { brierSkill, checkChances, checkTarget, formatBacktest, type ChanceCheck, type TargetCheck } from '@/lib/forecast/backtestReport';
import { fitSystemModel } from '@/lib/forecast/fitModel';
import { PROFILE_WEEKS } from '@/lib/forecast/thresholds';
import { zoneClock } from '@/lib/forecast/clock';
import { withThrowawayDatabase } from './databases';
import { hasHistory, ingestSimulated, OSLO_FOLDER, replayOsloThroughCron } from './forecastHistories';
import { residualShare, type NoiseFigures } from './forecastNoise';

process.env.LOG_LEVEL = 'silent';

const HELP = `npm run bench:forecast [-- options]
  --sim-days 56          days of simulated history (8 weeks: the profile's weeks before every backtest day)
  --sim-step 1200        seconds between simulated polls
  --stations 1500        simulated stations
  --days 14              backtest days on the simulated history
  --oslo-days 7          backtest days on Oslo
  --skip-sim / --skip-oslo
  --keep-databases       store into (and reuse) databases forecast_bench_sim / forecast_bench_oslo
                         instead of throwaway ones: a second run skips the ingestion
  --database-url URL     Postgres admin URL (BENCH_DATABASE_URL, TEST_DATABASE_URL)
  --output FILE          results file (default bench/results.json)`;

const { values } = parseArgs({
  options: {
    'sim-days': { type: 'string', default: '56' },
    'sim-step': { type: 'string', default: '1200' },
    stations: { type: 'string', default: '1500' },
    days: { type: 'string', default: '14' },
    'oslo-days': { type: 'string', default: '7' },
    'skip-sim': { type: 'boolean', default: false },
    'skip-oslo': { type: 'boolean', default: false },
    'keep-databases': { type: 'boolean', default: false },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    output: { type: 'string', default: 'bench/results.json' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const whole = (name: string, text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1, got "${text}"`);
  return value;
};
const options = {
  simDays: whole('sim-days', values['sim-days']),
  simStep: whole('sim-step', values['sim-step']),
  stations: whole('stations', values.stations),
  days: whole('days', values.days),
  osloDays: whole('oslo-days', values['oslo-days']),
};
const samplesDir = process.env.GBFS_SAMPLES_DIR;
const log = (line: string) => console.log(line);
const load = () => Number(os.loadavg()[0].toFixed(1));

/** Monday 1 September 2025, 00:00 in Paris: 8 weeks from it cross the end of summer time (26 October). */
const SIM_START = Date.UTC(2025, 7, 31, 22) / 1000;
const SIM_SYSTEM = 'velib-sim';
const OSLO_SYSTEM = 'oslo';
const OSLO_MAX_GAP = 5400;
/** The hold-out: the last week, fitted once before it. */
const HOLDOUT_DAYS = 7;

export interface HistoryBacktest {
  /** The day this history was measured (a run that skips it keeps the earlier figures). */
  date?: string;
  description: string;
  stations: number;
  historyDays: number;
  /** Polls stored and the time it took; `seconds` null when a kept database already held them. */
  ingest: { polls: number; seconds: number | null; reused: boolean };
  backtestDays: number;
  refit: string;
  origins: number;
  skippedOrigins: number;
  fitPoints: number | undefined;
  stationFits: number | undefined;
  horizons: number[];
  scored: number[];
  mae: BacktestResult['mae'];
  answeredBy: BacktestResult['answeredBy'];
  target: TargetCheck;
  /** Brier per forecaster and chance, the model's reliability bins and interval, and the chances' targets. */
  brier: BacktestResult['brier'];
  reliability: BacktestResult['reliability'];
  interval: BacktestResult['interval'];
  chances: ChanceCheck;
  /** The last week held out: one fit before it, every origin of it scored on that fit. */
  holdout: { days: number; mae: BacktestResult['mae']; brier: BacktestResult['brier']; interval: BacktestResult['interval']; chances: ChanceCheck };
  readMs: number;
  backtestMs: number;
  /** The same first day of origins refitted at every origin: its cost against the daily refit's, and its MAE. */
  perOriginRefit: { days: number; ms: number; dailyMs: number; mae: BacktestResult['mae'] };
  /** A nightly refit: 4 weeks of hourly figures read + fitSystemModel (stations and trust), at the newest local midnight. */
  fit: { until: string; rows: number; stations: number; readMs: number; fitMs: number };
  noise: NoiseFigures;
  load: number;
}

/** The histories the bench has just stored: none would be a bug of the bench. */
async function storedHistories(db: Db, system: SystemRef, days: number, until?: number) {
  const read = await readSystemHistories(db, system, days, until);
  if (read === null) throw new Error(`bench: no hourly figures stored for ${system.id}`);
  return read;
}

async function lastLocalMidnight(db: Db, system: SystemRef): Promise<number> {
  const clock = zoneClock(system.timezone);
  const { last } = await hourlySpan(db, system.id);
  if (last === null) throw new Error(`${system.id} has no history`);
  let start = clock.hourStartOf(last);
  while (clock.localHourOf(start).hour !== 0) start = clock.hourStartOf(start - 1);
  return start;
}

async function measure(db: Db, systemId: string, description: string, days: number, ingest: HistoryBacktest['ingest']): Promise<HistoryBacktest> {
  const system = await systemToBacktest(db, systemId);
  log(`  ${description}: reading ${backtestReadDays(days)} days of history (load ${load()})`);
  const read = await storedHistories(db, system, backtestReadDays(days));
  const started = performance.now();
  const result = backtest(read.histories, { days });
  const backtestMs = Math.round(performance.now() - started);
  log(`  backtest of ${result.origins} origins in ${backtestMs} ms:`);
  for (const line of formatBacktest(result)) log(`    ${line}`);
  const held = backtest(read.histories, { days: HOLDOUT_DAYS, refit: 'once' });
  log(`  the last ${HOLDOUT_DAYS} days held out (one fit before them):`);
  for (const line of formatBacktest(held)) log(`    ${line}`);

  // The first day of origins both ways: what refitting at every origin would cost.
  const timedBacktest = (refit: 'daily' | 'origin') => {
    const t = performance.now();
    const r = backtest(read.histories, { days: 1, refit });
    return { ms: Math.round(performance.now() - t), mae: r.mae };
  };
  const daily = timedBacktest('daily');
  const perOrigin = timedBacktest('origin');
  log(`  one day of origins: ${daily.ms} ms refitting at midnight, ${perOrigin.ms} ms refitting at every origin`);

  const until = await lastLocalMidnight(db, system);
  const fitRead = await storedHistories(db, system, PROFILE_WEEKS * 7 + 1, until);
  const fitStarted = performance.now();
  fitSystemModel(fitRead.histories, until);
  const fitMs = Math.round(performance.now() - fitStarted);
  log(`  nightly fit: ${fitRead.rows} rows of ${fitRead.histories.size} stations read in ${fitRead.readMs} ms, fitSystemModel ${fitMs} ms`);

  const noiseFrom = read.until - 28 * 86_400;
  const noise = residualShare(
    [...read.histories.values()].map((history) => ({ ...history, hours: history.hours.filter((entry) => entry.hourStart >= noiseFrom) })),
  );
  log(`  residual share (4 weeks): mean ${(noise.meanShare * 100).toFixed(1)} %, pooled ${(noise.pooledShare * 100).toFixed(1)} %; lag 1 h ${noise.autocorrelation1h.toFixed(2)}, 24 h ${noise.autocorrelation24h.toFixed(2)}`);

  return {
    description,
    stations: read.histories.size,
    historyDays: Math.round((read.until - read.from) / 86_400),
    ingest,
    backtestDays: days,
    refit: result.refit ?? 'daily',
    origins: result.origins,
    skippedOrigins: result.skippedOrigins,
    fitPoints: result.fitPoints,
    stationFits: result.stationFits,
    horizons: result.horizons,
    scored: result.scored,
    mae: result.mae,
    answeredBy: result.answeredBy,
    target: checkTarget(result),
    brier: result.brier,
    reliability: result.reliability,
    interval: result.interval,
    chances: checkChances(result),
    holdout: { days: HOLDOUT_DAYS, mae: held.mae, brier: held.brier, interval: held.interval, chances: checkChances(held) },
    readMs: read.readMs,
    backtestMs,
    perOriginRefit: { days: 1, ms: perOrigin.ms, dailyMs: daily.ms, mae: perOrigin.mae },
    fit: { until: new Date(until * 1000).toISOString(), rows: fitRead.rows, stations: fitRead.histories.size, readMs: fitRead.readMs, fitMs },
    noise,
    load: load(),
  };
}

async function storedPolls(db: Db, systemId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from polls where system_id = ${systemId}`);
  return row.n;
}

/** A throwaway database, or with --keep-databases a named one that is kept (and reused). */
async function withHistoryDatabase<T>(name: string, run: (db: Db, url: string) => Promise<T>): Promise<T> {
  const admin = values['database-url'];
  const urlOf = (database: string) => {
    const url = new URL(admin);
    url.pathname = `/${database}`;
    return url.toString();
  };
  if (!values['keep-databases']) return withThrowawayDatabase({ kind: 'postgres', adminUrl: admin }, (database, dbName) => run(database.db, urlOf(dbName!)));
  const client = postgres(admin, { max: 1, onnotice: () => {} });
  try {
    if ((await client`select 1 from pg_database where datname = ${name}`).length === 0) await client.unsafe(`create database ${name}`);
  } finally {
    await client.end();
  }
  const database = await openDatabase({ url: urlOf(name) });
  try {
    return await run(database.db, urlOf(name));
  } finally {
    await database.close();
  }
}

const started = performance.now();
const histories: Record<string, HistoryBacktest> = {};
log(`machine: ${os.cpus().length} cores, load ${load()}`);

if (!values['skip-sim']) {
  const description = `simulated Vélib (${options.stations} stations, ${options.simDays} days, a poll every ${options.simStep / 60} min through storePoll)`;
  log(description);
  histories.simulated = await withHistoryDatabase('forecast_bench_sim', async (db) => {
    let ingest: HistoryBacktest['ingest'];
    if (await hasHistory(db, SIM_SYSTEM)) {
      ingest = { polls: await storedPolls(db, SIM_SYSTEM), seconds: null, reused: true };
      log(`  kept database: ${ingest.polls} polls already stored`);
    } else {
      const figures = await ingestSimulated(db, { systemId: SIM_SYSTEM, stations: options.stations, days: options.simDays, stepSeconds: options.simStep, start: SIM_START, log });
      ingest = { ...figures, reused: false };
      log(`  ${figures.polls} polls stored in ${figures.seconds} s`);
    }
    return measure(db, SIM_SYSTEM, description, options.days, ingest);
  });
}

if (!values['skip-oslo']) {
  if (!samplesDir || !fs.existsSync(`${samplesDir}/${OSLO_FOLDER}`)) {
    log(`Oslo skipped: GBFS_SAMPLES_DIR does not hold ${OSLO_FOLDER}`);
  } else {
    const description = 'Oslo Bysykkel, 2022-10-24 – 2022-11-19 (1,756 recorded polls through the cron route)';
    log(description);
    histories.oslo = await withHistoryDatabase('forecast_bench_oslo', async (db, url) => {
      let ingest: HistoryBacktest['ingest'];
      if (await hasHistory(db, OSLO_SYSTEM)) {
        ingest = { polls: await storedPolls(db, OSLO_SYSTEM), seconds: null, reused: true };
        log(`  kept database: ${ingest.polls} polls already stored`);
      } else {
        const figures = await replayOsloThroughCron({ samplesDir, systemId: OSLO_SYSTEM, databaseUrl: url, maxGapSeconds: OSLO_MAX_GAP, log });
        ingest = { ...figures, reused: false };
        log(`  ${figures.polls} polls through the cron route in ${figures.seconds} s`);
      }
      return measure(db, OSLO_SYSTEM, description, options.osloDays, ingest);
    });
  }
}

const output = values.output;
const existing = fs.existsSync(output) ? JSON.parse(fs.readFileSync(output, 'utf8')) : {};
const date = new Date().toISOString().slice(0, 10);
for (const history of Object.values(histories)) history.date = date;
const forecastBacktest = {
  date,
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  totalSeconds: Math.round((performance.now() - started) / 1000),
  // A history skipped in this run keeps the figures of the run that measured it (its own date).
  histories: { ...(existing.forecastBacktest?.histories ?? {}), ...histories },
};
fs.writeFileSync(output, JSON.stringify({ ...existing, forecastBacktest }, null, 2) + '\n');
log(`\n${formatForecastBench(histories).join('\n')}\n\nwritten to ${output} (forecastBacktest)`);

/** The README's tables. */
export function formatForecastBench(runs: Record<string, HistoryBacktest>): string[] {
  const entries = Object.entries(runs);
  if (entries.length === 0) return [];
  const mae = (value: number | null) => (value === null ? '—' : value.toFixed(3));
  const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
  const lines = ['| MAE, bikes per station | ' + entries.map(([name]) => `${name}: model / persistence / seasonal`).join(' | ') + ' |'];
  lines.push(`| --- | ${entries.map(() => '---').join(' | ')} |`);
  const horizons = entries[0][1].horizons;
  horizons.forEach((horizon, h) => {
    lines.push(`| ${horizon} h | ${entries.map(([, run]) => `${mae(run.mae.model[h])} / ${mae(run.mae.persistence[h])} / ${mae(run.mae.seasonal[h])}`).join(' | ')} |`);
  });
  lines.push(`| gain over persistence at 3 h / 6 h (target ≥ 10 %) | ${entries.map(([, run]) => `${percent(run.target.gainAt3h)} / ${percent(run.target.gainAt6h)}`).join(' | ')} |`);
  lines.push(`| beats both baselines at every horizon | ${entries.map(([, run]) => (run.target.beatsBaselinesEveryHorizon ? 'yes' : 'no')).join(' | ')} |`);
  lines.push(`| target met | ${entries.map(([, run]) => (run.target.met ? '**yes**' : '**no**')).join(' | ')} |`);
  lines.push(`| origins (backtest days) | ${entries.map(([, run]) => `${run.origins.toLocaleString('en-US')} (${run.backtestDays})`).join(' | ')} |`);
  lines.push(`| backtest time (daily refit) | ${entries.map(([, run]) => `${(run.backtestMs / 1000).toFixed(1)} s`).join(' | ')} |`);
  lines.push(`| one day of origins: daily refit / refit per origin | ${entries.map(([, run]) => `${run.perOriginRefit.dailyMs} / ${run.perOriginRefit.ms} ms`).join(' | ')} |`);
  lines.push(`| nightly fit: 4 weeks read + fitSystemModel | ${entries.map(([, run]) => `${run.fit.readMs} + ${run.fit.fitMs} ms (${run.fit.stations} stations, ${run.fit.rows.toLocaleString('en-US')} rows)`).join(' | ')} |`);
  lines.push(`| variance the weekday × hour profile leaves unexplained (mean / pooled) | ${entries.map(([, run]) => `${percent(run.noise.meanShare)} / ${percent(run.noise.pooledShare)}`).join(' | ')} |`);
  lines.push(`| residual autocorrelation 1 h / 24 h later | ${entries.map(([, run]) => `${run.noise.autocorrelation1h.toFixed(2)} / ${run.noise.autocorrelation24h.toFixed(2)}`).join(' | ')} |`);
  return [...lines, '', ...formatChancesBench(runs)];
}

/** The README's tables of the chances and the interval. */
export function formatChancesBench(runs: Record<string, HistoryBacktest>): string[] {
  const entries = Object.entries(runs).filter(([, run]) => run.brier?.model !== undefined);
  if (entries.length === 0) return [];
  const four = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(4));
  const skill = (value: number | null) => (value === null ? '—' : `${value >= 0 ? '+' : ''}${value.toFixed(2)}`);
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);
  const lines = [
    '| Brier, model / persistence / climatology (skill vs each) | ' + entries.flatMap(([name]) => [`${name}: P(empty)`, `${name}: P(full)`]).join(' | ') + ' |',
    `| --- | ${entries.flatMap(() => ['---', '---']).join(' | ')} |`,
  ];
  const horizons = entries[0][1].horizons;
  horizons.forEach((horizon, h) => {
    const cells = entries.flatMap(([, run]) =>
      (['empty', 'full'] as const).map((chance) => {
        const b = run.brier!;
        return `${four(b.model[chance][h])} / ${four(b.persistence?.[chance][h])} / ${four(b.climatology?.[chance][h])} (${skill(brierSkill(run, chance, h, 'persistence'))} / ${skill(brierSkill(run, chance, h, 'climatology'))})`;
      }),
    );
    lines.push(`| ${horizon} h | ${cells.join(' | ')} |`);
  });
  lines.push('');
  lines.push('| the 80 % interval and the targets | ' + entries.map(([name]) => name).join(' | ') + ' |');
  lines.push(`| --- | ${entries.map(() => '---').join(' | ')} |`);
  horizons.forEach((horizon, h) => {
    lines.push(
      `| ${horizon} h: coverage / mean width / pinball | ${entries
        .map(([, run]) => `${percent(run.interval?.coverage[h])} / ${run.interval?.width[h]?.toFixed(2) ?? '—'} / ${run.interval?.pinball[h]?.toFixed(3) ?? '—'}`)
        .join(' | ')} |`,
    );
  });
  lines.push(`| gain over persistence at 1 h (target ≥ 5 %) | ${entries.map(([, run]) => percent(run.chances.gainAt1h)).join(' | ')} |`);
  lines.push(`| Brier below persistence and climatology, every horizon, both chances | ${entries.map(([, run]) => (run.chances.brierBeatsBaselines ? 'yes' : 'no')).join(' | ')} |`);
  lines.push(`| worst reliability bin of ≥ 100 forecasts (target ≤ 0.05) | ${entries.map(([, run]) => run.chances.worstReliabilityGap?.toFixed(3) ?? '—').join(' | ')} |`);
  lines.push(`| chances target | ${entries.map(([, run]) => (run.chances.met ? '**met**' : '**not met**')).join(' | ')} |`);
  lines.push(
    `| the last week held out (one fit): MAE 1 / 3 / 6 / 24 h; gain at 1 h; worst bin; coverage | ${entries
      .map(([, run]) => {
        const m = run.holdout.mae.model.map((v) => (v === null ? '—' : v.toFixed(3))).join(' / ');
        const c = run.holdout.chances;
        return `${m}; ${percent(c.gainAt1h)}; ${c.worstReliabilityGap?.toFixed(3) ?? '—'}; ${c.coverage ? `${percent(c.coverage.min)}–${percent(c.coverage.max)}` : '—'}`;
      })
      .join(' | ')} |`,
  );
  return lines;
}
