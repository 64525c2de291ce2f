/**
 * `npm run demo`: the app on a machine with no internet. Lands four weeks (`--hours`) of the
 * project's simulated Vélib' (a Velib-sized Paris, a snapshot every `--step` seconds) in a
 * throwaway embedded database through the bulk path, fits the forecast once, then serves the app
 * polling the simulator live from where the history ends, marked as simulated data.
 *
 * `npm run demo -- --import DIR`: serves a recorded history instead (the Oslo weeks: a real city,
 * offline), imported by `npm run import`'s library with its own time zone and framing; nothing is
 * polled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { startSimulator } from '@/simulator';
import { simulatedSeries } from '@/simulator/series';
import { configOrExit } from '@/lib/config';
import { openDatabase } from '@/db/client';
import { importArchive } from '@/lib/import/importArchive';
import type { LandingProgress } from '@/lib/import/land';
import { bulkBackfill } from './backfill';
import { ensureBuild, startNextServer } from './nextServer';

const FOUR_WEEKS_HOURS = 4 * 7 * 24;

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string', default: path.join('.data', 'demo') },
      stations: { type: 'string', default: '1500' },
      hours: { type: 'string', default: String(FOUR_WEEKS_HOURS) },
      step: { type: 'string', default: '900' },
      import: { type: 'string' },
      'max-gap': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\nusage: npm run demo [-- --hours H --step S --stations N --port P | --import DIR [--max-gap S]]`);
  process.exit(2);
}
const { values } = parsed;
const config = configOrExit();
const port = values.port ?? String(config.PORT);
const dataDir = path.resolve(values['data-dir']);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

if (!values['no-build']) ensureBuild();

/** A line every tenth of the snapshots. */
function landingReporter(): (progress: LandingProgress) => void {
  let lastTenth = -1;
  return (progress) => {
    const tenth = Math.floor((10 * progress.snapshots) / Math.max(progress.total, 1));
    if (progress.phase === 'landing' && tenth !== lastTenth) {
      lastTenth = tenth;
      console.log(`demo: ${progress.snapshots} of ${progress.total} snapshots landed (${elapsed()})`);
    } else if (progress.phase === 'tiers' && lastTenth !== 11) {
      lastTenth = 11;
      console.log(`demo: deriving the daily tiers (${elapsed()})`);
    }
  };
}
const report = landingReporter();
/**
 * The demo has no internet: its catalog of public systems (GBFS_CATALOG_URL, read after polls) is a
 * file in its data folder listing what it serves, unless the variable names another. Without a
 * row (an imported archive is never polled, so the catalog is never read) it names a file that is
 * not there, which the page says it could not read, rather than an address on the internet.
 */
function offlineCatalog(rows: ReadonlyArray<{ countryCode: string; name: string; location: string; id: string; gbfsUrl: string }>): string {
  if (process.env.GBFS_CATALOG_URL) return process.env.GBFS_CATALOG_URL;
  const file = path.join(dataDir, rows.length === 0 ? 'no-catalog-offline.csv' : 'catalog.csv');
  if (rows.length === 0) return pathToFileURL(file).href;
  const quoted = (field: string) => `"${field.replaceAll('"', '""')}"`;
  const lines = ['Country Code,Name,Location,System ID,URL,Auto-Discovery URL,Supported Versions,Authentication Info URL,Authentication Type,Authentication Parameter Name'];
  for (const row of rows) lines.push([row.countryCode, row.name, row.location, row.id, '', row.gbfsUrl, '1.0', '', '', ''].map(quoted).join(','));
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return pathToFileURL(file).href;
}
/** Stops what the demo started besides the server. */
let closeSimulator = async () => {};

async function serveImport(dir: string) {
  if (!fs.existsSync(dir)) {
    console.error(`demo: ${dir} does not exist`);
    process.exit(2);
  }
  // A recorded archive is rarely polled every few minutes (the Oslo weeks: every ~20 min).
  const maxGapSeconds = Number(values['max-gap'] ?? 3600);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const database = await openDatabase({ dataDir });
  let summary;
  try {
    summary = await importArchive(database.db, { roots: [dir], maxGapSeconds, onProgress: (p) => (p.phase === 'landing' || p.phase === 'tiers' ? report(p) : undefined) });
  } finally {
    await database.close();
  }
  const { system, snapshots } = summary;
  console.log(`demo: ${snapshots.landed} snapshots of ${system.id} (${snapshots.first} to ${snapshots.last}, ${system.timezone}) imported in ${elapsed()}; forecast ${summary.forecast.fitted ? 'fitted' : `not fitted: ${summary.forecast.reason}`}`);
  return startNextServer(port, {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    // Listed alone, so that the map opens on it; the address is never fetched: the import paused the system and nothing polls.
    GBFS_SYSTEMS: `${system.id}=http://127.0.0.1:9/${system.id}/gbfs.json`,
    MAX_GAP_SECONDS: String(maxGapSeconds),
    INGEST_INTERVAL_SECONDS: '0',
    GBFS_CATALOG_URL: offlineCatalog([]),
  });
}
async function serveSimulated() {
  const stepSeconds = Number(values.step);
  const systemId = 'velib';
  const settings = { ...config, MAX_GAP_SECONDS: Math.max(900, stepSeconds) };
  const now = Date.now() / 1000;
  const start = Math.floor((now - Number(values.hours) * 3600) / stepSeconds) * stepSeconds;
  const count = Math.floor((now - start) / stepSeconds) + 1;
  const last = start + (count - 1) * stepSeconds;
  const stations = Number(values.stations);
  // The live simulator goes on from the last landed snapshot (its first answer is that one again: unchanged).
  const sim = await startSimulator({ variant: 'velib', stations, seed: 1, startTime: last, stepSeconds, realTimeCap: true });
  console.log(`demo: simulator serving ${sim.gbfsUrl}; landing ${count} snapshots (${values.hours} h every ${stepSeconds / 60} min) of ${stations} stations`);
  const series = simulatedSeries({ variant: 'velib', stations, start, stepSeconds, count });
  const landed = await bulkBackfill({ dataDir, systemId, gbfsUrl: sim.gbfsUrl, settings, series, onLanding: report });
  console.log(`demo: ${landed.snapshots} snapshots (${landed.statuses} statuses) landed in ${elapsed()}; forecast ${landed.forecast.fitted ? 'fitted' : `not fitted: ${landed.forecast.reason}`}`);
  const server = startNextServer(port, {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    GBFS_SYSTEMS: `${systemId}=${sim.gbfsUrl}`,
    DEMO_MODE: '1',
    GBFS_CATALOG_URL: offlineCatalog([{ countryCode: 'FR', name: "Vélib' Métropole (simulated)", location: 'Paris', id: systemId, gbfsUrl: sim.gbfsUrl }]),
    MAX_GAP_SECONDS: String(settings.MAX_GAP_SECONDS),
    INGEST_INTERVAL_SECONDS: String(config.INGEST_INTERVAL_SECONDS),
  });
  closeSimulator = () => sim.close();
  return server;
}

const server = values.import !== undefined ? await serveImport(values.import) : await serveSimulated();
console.log(`demo: open http://localhost:${port}/ (ready in ${elapsed()})`);
server.on('exit', async (code) => {
  await closeSimulator();
  process.exit(code ?? 0);
});
