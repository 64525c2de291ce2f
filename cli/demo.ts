/**
 * `npm run demo`: the app on a machine with no internet. Starts the project's simulator (a
 * synthetic Velib-sized Paris), backfills the last day of polls into a throwaway embedded
 * database, then serves the app pointed at the simulator, marked as simulated data.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator } from '@/simulator';
import { backfill } from './backfill';
import { configOrExit } from '@/lib/config';
import { ensureBuild, startNextServer } from './nextServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string', default: path.join('.data', 'demo') },
    stations: { type: 'string', default: '1500' },
    hours: { type: 'string', default: '48' },
    step: { type: 'string', default: '600' },
    'no-build': { type: 'boolean', default: false },
  },
});

const config = configOrExit();
const port = values.port ?? String(config.PORT);
const stepSeconds = Number(values.step);
const dataDir = path.resolve(values['data-dir']);
const systemId = 'velib';
const settings = { ...config, MAX_GAP_SECONDS: Math.max(900, stepSeconds) };

if (!values['no-build']) ensureBuild();

const now = Date.now() / 1000;
const sim = await startSimulator({
  variant: 'velib',
  stations: Number(values.stations),
  seed: 1,
  startTime: Math.floor((now - Number(values.hours) * 3600) / stepSeconds) * stepSeconds,
  stepSeconds,
  realTimeCap: true,
});
console.log(`demo: simulator serving ${sim.gbfsUrl}`);

const started = Date.now();
const polls = await backfill({
  dataDir,
  systemId,
  gbfsUrl: sim.gbfsUrl,
  settings,
  onProgress: (n, feedTime) => n % 24 === 0 && console.log(`demo: backfilled ${n} polls, up to ${feedTime}`),
});
console.log(`demo: ${polls} polls of ${values.stations} stations backfilled in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const server = startNextServer(port, {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  GBFS_SYSTEMS: `${systemId}=${sim.gbfsUrl}`,
  DEMO_MODE: '1',
  MAX_GAP_SECONDS: String(settings.MAX_GAP_SECONDS),
  INGEST_INTERVAL_SECONDS: String(config.INGEST_INTERVAL_SECONDS),
});
console.log(`demo: open http://localhost:${port}/`);
server.on('exit', async (code) => {
  await sim.close();
  process.exit(code ?? 0);
});
