/**
 * Runs a simulator (or a replay) until SIGINT/SIGTERM and prints the gbfs.json URL.
 *
 *   npx tsx simulator/cli.ts --variant velib --port 8787 --stations 1500 --seed 1 [--step 60] [--real-time]
 *   npx tsx simulator/cli.ts --replay DIR --timezone America/Los_Angeles [--loop] --port 8788
 */
import { parseArgs } from 'node:util';
import { startReplay } from './replay';
import { startSimulator } from './simulator';
import type { FeedVariant, RunningSimulator } from './types';

const VARIANTS: readonly FeedVariant[] = ['velib', 'v2', 'v3'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      variant: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      stations: { type: 'string' },
      seed: { type: 'string' },
      step: { type: 'string' },
      start: { type: 'string' },
      'real-time': { type: 'boolean' },
      replay: { type: 'string' },
      loop: { type: 'boolean' },
      timezone: { type: 'string' },
      name: { type: 'string' },
      'system-id': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(
      'usage: cli.ts [--variant velib|v2|v3] [--port N] [--host H] [--stations N] [--seed N] [--step S]\n' +
        '              [--start EPOCH|ISO] [--real-time] [--timezone TZ] [--name NAME] [--system-id ID]\n' +
        '       cli.ts --replay DIR [--loop] [--timezone TZ] [--name NAME] [--port N]',
    );
    return;
  }

  const common = {
    port: integer(values.port, 'port') ?? 0,
    host: values.host,
    timezone: values.timezone,
    name: values.name,
    systemId: values['system-id'],
  };
  let running: RunningSimulator;
  if (values.replay) {
    running = await startReplay({ ...common, dir: values.replay, loop: values.loop ?? false });
  } else {
    const variant = values.variant ?? 'velib';
    if (!isVariant(variant)) throw new Error(`--variant must be one of ${VARIANTS.join(', ')}`);
    running = await startSimulator({
      ...common,
      variant,
      stations: integer(values.stations, 'stations'),
      seed: integer(values.seed, 'seed'),
      stepSeconds: integer(values.step, 'step'),
      startTime: epochSeconds(values.start),
      realTimeCap: values['real-time'] ?? false,
    });
  }
  console.log(running.gbfsUrl);

  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isVariant(value: string): value is FeedVariant {
  return (VARIANTS as readonly string[]).includes(value);
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`--${flag} must be an integer, got ${value}`);
  return n;
}

function epochSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`--start must be epoch seconds or an ISO date, got ${value}`);
  return Math.floor(ms / 1000);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
