/**
 * `npm run bench:forecast-serving [-- --postgres URL]`: what the live forecast costs at Vélib size
 * (1,500 stations), on PGlite and on Postgres: fitting 1,500 stations on five weeks of hours
 * (the computation; reading the hours is bench/forecast.ts's), issuing and storing the forecast
 * after a poll, and answering GET /api/forecast from the stored one (the first request after a
 * poll in the process that issued it, in another process, then cached), the server's time only. Histories are synthetic (a daily wave and noise per
 * station): what is measured here is cost, not accuracy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { ModelRow } from '@/lib/forecast/sql';
import { storeModel } from '@/lib/forecast/store';
import { queryRows } from '@/db/rows';
import { forecastQuerySchema } from '@/lib/forecast/schemas';
import { zoneClock } from '@/lib/forecast/clock';
import { fitSystemModel } from '@/lib/forecast/fitModel';
import { mulberry32 } from '@/simulator/prng';
import { PROFILE_WEEKS, SECONDS_PER_DAY } from '@/lib/forecast/thresholds';
import type { HourObservation, StationHistory } from '@/lib/forecast/types';
import { updateForecasts } from '@/lib/forecast/afterPoll';
import { summarizeBacktest } from '@/lib/forecast/backtestReport';
import { storePoll } from '@/lib/ingest/storePoll';
import { forecastAnswer } from '@/lib/forecast/read';
import { forgetForecasts } from '@/lib/forecast/answerCache';
import { withThrowawayDatabase, type DatabaseTarget } from './databases';
import { storeArgs, TIME_ZONE } from './timeline';
import { median, ms, timed } from './timing';
import { shiftSnapshot, velibSnapshots } from './velibSnapshots';

const SYSTEM = 'velib';
const STATIONS = 1500;
const ROUNDS = 7;
const RESULTS = path.join(import.meta.dirname, 'results.json');

/** Five weeks of hours of one station: a daily wave around half full, and noise. */
function syntheticHistory(capacity: number, hourStarts: readonly number[], clock: ReturnType<typeof zoneClock>, seed: number): StationHistory {
  const random = mulberry32(seed);
  const phase = random() * 24;
  const hours: HourObservation[] = hourStarts.map((hourStart) => {
    const label = clock.localHourOf(hourStart);
    const wave = 0.5 + 0.35 * Math.sin(((label.hour - phase) / 24) * 2 * Math.PI);
    const bikes = Math.min(capacity, Math.max(0, capacity * wave + (random() - 0.5) * 4));
    return { hourStart, ...label, meanBikes: bikes, fullShare: bikes >= capacity - 0.5 ? 1 : 0, emptyShare: bikes <= 0.5 ? 1 : 0 };
  });
  return { capacity, hours };
}

async function measure(target: DatabaseTarget) {
  return withThrowawayDatabase(target, async ({ db }) => {
    const [first, second] = await velibSnapshots({ stations: STATIONS, start: Date.UTC(2026, 10, 30, 23) / 1000, count: 2 });
    for (const snapshot of [first, second]) await storePoll(db, storeArgs(snapshot, SYSTEM));
    const clock = zoneClock(TIME_ZONE);
    const until = clock.hourStartOf(second.feedTime);
    const hourStarts: number[] = [];
    for (let t = until - (PROFILE_WEEKS * 7 + 7) * SECONDS_PER_DAY; t < until; t = clock.nextHourStart(t)) hourStarts.push(t);
    const histories = new Map(second.stations.map((s, i) => [s.stationId, syntheticHistory(s.capacity ?? 20, hourStarts, clock, i + 1)]));

    const [fitMs, fitted] = await timed(async () => fitSystemModel(histories, until));
    const fits = new Map([...fitted.stations].map(([id, model]) => [id, { model, seasonal: null }]));
    const model: ModelRow = {
      fittedAt: second.feedTime,
      fittedDay: '2026-12-01',
      historyStart: hourStarts[0],
      historyEnd: until,
      stations: histories.size,
      fitMs: Math.round(fitMs),
      backtest: summarizeBacktest({ horizons: [1], origins: 0, skippedOrigins: 0, scored: [0], mae: {}, answeredBy: {} }, 7),
      trust: fitted.trust,
    };
    const [storeModelMs] = await timed(() => storeModel(db, SYSTEM, model, fits));

    const system = { id: SYSTEM, timezone: TIME_ZONE };
    const afterPoll: number[] = [];
    const issuingProcess: number[] = [];
    const otherProcess: number[] = [];
    const cached: number[] = [];
    const coarse: number[] = [];
    let bytes = 0;
    const query = forecastQuerySchema.parse({ system: SYSTEM });
    for (let round = 0; round < ROUNDS; round++) {
      const poll = shiftSnapshot(second, (round + 1) * 60);
      await storePoll(db, storeArgs(poll, SYSTEM));
      afterPoll.push((await timed(() => updateForecasts(db, system, poll.feedTime)))[0]);
      const [elapsed, answer] = await timed(() => forecastAnswer(db, query));
      issuingProcess.push(elapsed);
      bytes = JSON.stringify(answer).length;
      cached.push((await timed(() => forecastAnswer(db, query)))[0]);
      forgetForecasts(db);
      otherProcess.push((await timed(() => forecastAnswer(db, query)))[0]);
      coarse.push((await timed(() => forecastAnswer(db, forecastQuerySchema.parse({ system: SYSTEM, resolution: '8' }))))[0]);
    }
    const [{ size }] = await queryRows<{ size: number }>(db, sql`select pg_total_relation_size('forecast_issues')::int as size`);
    return {
      engine: target.kind,
      stations: histories.size,
      fitComputeMs: ms(fitMs),
      storeModelMs: ms(storeModelMs),
      forecastAfterPollMs: ms(median(afterPoll)),
      answerInIssuingProcessMs: ms(median(issuingProcess)),
      answerInOtherProcessMs: ms(median(otherProcess)),
      cachedAnswerMs: ms(median(cached)),
      resolution8AnswerMs: ms(median(coarse)),
      answerKilobytes: Math.round(bytes / 1024),
      storedIssuesKilobytes: Math.round(size / 1024),
    };
  });
}

const { values } = parseArgs({ options: { postgres: { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' }, 'no-postgres': { type: 'boolean' } } });
const results = [await measure({ kind: 'pglite', adminUrl: '' })];
if (!values['no-postgres']) results.push(await measure({ kind: 'postgres', adminUrl: values.postgres! }));
console.table(results);
// Merged into the other benchmarks' figures, read just before writing: they may have run meanwhile.
const stored = JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
fs.writeFileSync(RESULTS, `${JSON.stringify({ ...stored, forecastServing: { measuredAt: new Date().toISOString(), results } }, null, 2)}\n`);
console.log(`written to ${RESULTS} (forecastServing)`);
