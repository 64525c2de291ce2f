/**
 * `npm run backtest [-- --system ID --days N --refit daily|origin|once --plot DIR]`: replays the stored history
 * of a system (default: the first configured one) as forecast origins, every hour of the last N
 * days (default 14), each forecast from a fit on what came before it, and prints the MAE in bikes
 * per station at 1, 3, 6 and 24 h of the model, persistence and the seasonal profile, and whether
 * the accuracy target is met (≥ 10 % better than persistence at 3 h and 6 h, better than both baselines at every horizon). Exit code 2 on bad arguments, 1 when the backtest cannot run.
 */
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/db/client';
import { configOrExit } from '@/lib/config';
import { describeError } from '@/lib/errors';
import { writeBacktestPlots } from './backtestPlot';
import { BacktestInputError, backtestSystem, describeBacktest, systemToBacktest } from './backtestRun';

const USAGE = 'usage: npm run backtest [-- --system ID] [--days N (1–60, default 14)] [--refit daily|origin|once] [--plot DIR (SVG charts: MAE by horizon, reliability)]';
const MAX_DAYS = 60;

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { system: { type: 'string' }, days: { type: 'string' }, refit: { type: 'string' }, plot: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const days = values.days === undefined ? 14 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) usageError(`--days must be a whole number of days from 1 to ${MAX_DAYS}, got "${values.days}"`);
  if (values.system !== undefined && values.system.trim() === '') usageError('--system needs a system id');
  const refit = values.refit ?? 'daily';
  if (refit !== 'daily' && refit !== 'origin' && refit !== 'once') usageError(`--refit must be "daily", "origin" or "once", got "${refit}"`);
  if (values.plot !== undefined && values.plot.trim() === '') usageError('--plot needs a folder');
  return { system: values.system, days, refit: refit as 'daily' | 'origin' | 'once', plot: values.plot };
}

const args = parseCommandLine();
configOrExit();
let exitCode = 0;
try {
  const { db } = await getDatabase();
  const system = await systemToBacktest(db, args.system);
  const run = await backtestSystem(db, system, { days: args.days, refit: args.refit });
  for (const line of describeBacktest(run)) console.log(line);
  if (args.plot !== undefined) {
    for (const file of writeBacktestPlots(args.plot, run.result, `${system.id}, last ${args.days} days`)) console.log(`wrote ${file}`);
  }
} catch (error) {
  console.error(error instanceof BacktestInputError ? error.message : `backtest failed: ${describeError(error)}`);
  exitCode = 1;
} finally {
  await closeDatabase();
}
process.exit(exitCode);
