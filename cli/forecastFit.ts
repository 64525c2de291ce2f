/**
 * `npm run forecast:fit [-- --system ID]`: refits the forecast model of each listed system (or
 * one) on its stored history now, as the first poll after a local midnight would, and issues the
 * forecast of its newest poll.
 */
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/db/client';
import { newestFeedTime } from '@/lib/ingest/sql';
import { findSystem } from '@/lib/systems/sql';
import { ApiError } from '@/lib/api/errors';
import { issueFromPoll } from '@/lib/forecast/afterPoll';
import { backtestOnTwoThreads } from '@/lib/forecast/backtestWorkers';
import { fitForecastModel } from '@/lib/forecast/fitStored';
import type { BacktestSummary } from '@/lib/forecast/backtestReport';
import { historyHours } from '@/lib/forecast/historySql';
import { MIN_FORECAST_HISTORY_HOURS } from '@/lib/forecast/thresholds';
import { listedSystems, configuredSystem } from '@/lib/systems/listed';

const format = (mae: number | null) => (mae === null ? '—' : mae.toFixed(3));

function describeBacktest(backtest: BacktestSummary): string {
  const rows = backtest.horizons.map(({ hours, mae }) => `  +${hours} h: model ${format(mae.model)}, persistence ${format(mae.persistence)}, seasonal ${format(mae.seasonal)}`);
  return [`backtest over the last ${backtest.days} days, ${backtest.origins} origins, MAE in bikes per station:`, ...rows].join('\n');
}

let parsed;
try {
  parsed = parseArgs({ options: { system: { type: 'string' } } });
} catch (error) {
  console.error(`${(error as Error).message}\nusage: npm run forecast:fit [-- --system ID]`);
  process.exit(2);
}
let exitCode = 0;
try {
  const { db } = await getDatabase();
  const systems = parsed.values.system === undefined ? await listedSystems(db) : [await configuredSystem(db, parsed.values.system)];
  for (const { id } of systems) {
    const [stored, newest] = await Promise.all([findSystem(db, id), newestFeedTime(db, id)]);
    if (stored === null || newest === null) {
      console.log(`${id}: never polled, nothing to fit`);
      continue;
    }
    const system = { id, timezone: stored.timezone };
    const model = await fitForecastModel(db, system, newest, backtestOnTwoThreads);
    if (model === null) {
      const hours = await historyHours(db, system, newest);
      console.log(`${id}: not enough history to fit: ${hours.toFixed(1)} hours of polls, ${MIN_FORECAST_HISTORY_HOURS} needed`);
      continue;
    }
    const forecast = await issueFromPoll(db, system, newest, model);
    const answeredBy = Object.entries(forecast.model.answeredBy).map(([name, count]) => `${count} ${name}`).join(', ');
    console.log(`${id}: fitted ${model.stations} stations in ${model.fitMs} ms on ${new Date(model.historyStart * 1000).toISOString()} .. ${new Date(model.historyEnd * 1000).toISOString()} (${answeredBy})`);
    console.log(describeBacktest(model.backtest as BacktestSummary));
  }
} catch (error) {
  if (!(error instanceof ApiError)) throw error;
  console.error(error.message);
  exitCode = 2;
} finally {
  await closeDatabase();
}
process.exit(exitCode);
