/**
 * `npm run answers -- DIR`: the API's answers over a fixed recorded history, to compare two
 * commits byte for byte (a refactor must not change them): run it on both, then `diff -r`.
 *
 * 1. A fresh embedded PGlite database in a new temporary DATA_DIR (DATABASE_URL unset).
 * 2. The first 9 UTC days of $GBFS_SAMPLES_DIR/oslo-bysykkel-weeks (2022-10-24 .. 2022-11-01,
 *    561 snapshots, across the 2022-10-30 DST change) replayed through GET /api/cron/ingest,
 *    served by the tiny HTTP server below (one snapshot per cron call).
 * 3. GET on the read routes; each answer written to <outDir>/<name>.txt: status, headers
 *    (sorted), a blank line, then the exact body bytes (only the wall-clock fields below replaced).
 *
 * Wall-clock fields normalised (every other byte is as answered):
 *   - hotspots (json and geojson): "generatedAt"
 *   - systems: "lastPollAgeSeconds", "lastAttempt"."at"
 *   - cron ingest answers: "durationMs"
 *
 * Imports only the route handlers, @/db/client and @/lib/config: the paths least likely to move.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const SAMPLES = path.join(process.env.GBFS_SAMPLES_DIR ?? path.join('..', 'shared', 'gbfs'), 'oslo-bysykkel-weeks');
/** Snapshot folders (UTC fetch time) before this are replayed: 2022-10-24 .. 2022-11-01. */
const REPLAY_BEFORE = '2022-11-02';
const SYSTEM = 'oslo';
const SECRET = 'answers-cron-secret-0123456789';
const NORMALISED = '"<normalised>"';

async function main(): Promise<void> {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: npm run answers -- DIR   (GBFS_SAMPLES_DIR: the folder holding oslo-bysykkel-weeks)');
    process.exit(2);
  }
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
    console.error(`${outDir} is not empty`);
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  if (!fs.existsSync(path.join(process.cwd(), 'db', 'migrations'))) {
    console.error('run from the repository root (db/migrations is read relative to the working directory)');
    process.exit(2);
  }

  const started = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);

  // ---------------------------------------------------------------- the recorded feed over HTTP

  const snapshots = fs
    .readdirSync(SAMPLES)
    .filter((name) => name < REPLAY_BEFORE && fs.existsSync(path.join(SAMPLES, name, 'station_status.json')))
    .sort();
  const stationInformation = fs.readFileSync(path.join(SAMPLES, 'info', 'station_information.json'));
  /** Index of the snapshot served as station_status; the loop below sets it before each cron call. */
  let current = 0;
  const statusBytes = (i: number) => fs.readFileSync(path.join(SAMPLES, snapshots[i], 'station_status.json'));
  const feedTime = (i: number): number => JSON.parse(statusBytes(i).toString('utf8')).last_updated;

  const server = createServer((req, res) => {
    const feed = /\/([a-z_]+)\.json$/.exec((req.url ?? '/').split('?')[0])?.[1];
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const time = feedTime(current);
    let body: Buffer;
    switch (feed) {
      case 'gbfs': {
        const feeds = ['system_information', 'station_information', 'station_status'].map((name) => ({ name, url: `${base}/${name}.json` }));
        body = Buffer.from(JSON.stringify({ last_updated: time, ttl: 0, version: '2.2', data: { en: { feeds } } }));
        break;
      }
      case 'system_information':
        body = Buffer.from(
          JSON.stringify({ last_updated: time, ttl: 0, version: '2.2', data: { system_id: SYSTEM, language: 'nb', name: 'Oslo Bysykkel', timezone: 'Europe/Oslo' } }),
        );
        break;
      case 'station_information':
        body = stationInformation;
        break;
      case 'station_status':
        body = statusBytes(current);
        break;
      default:
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"error":"not found"}');
        return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  // ---------------------------------------------------------------- the app's environment

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-answers-'));
  for (const key of [
    'DATABASE_URL', 'DATA_DIR', 'PORT', 'INGEST_INTERVAL_SECONDS', 'CRON_SECRET', 'GBFS_SYSTEMS', 'MAX_GAP_SECONDS', 'FETCH_TIMEOUT_MS',
    'FETCH_MAX_BYTES', 'FETCH_RETRIES', 'STALE_AFTER_SECONDS', 'RAW_RETENTION_DAYS', 'LOG_LEVEL', 'DEMO_MODE', 'METRICS_TOKEN', 'ALLOW_PRIVATE_FEEDS',
  ]) delete process.env[key];
  Object.assign(process.env, {
    TZ: 'UTC',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    GBFS_SYSTEMS: `${SYSTEM}=http://127.0.0.1:${port}/gbfs.json`,
    CRON_SECRET: SECRET,
    // The recorded polls are 10 to 79 minutes apart (as test/replayRecorded.test.ts replays them).
    MAX_GAP_SECONDS: '5400',
    FETCH_RETRIES: '0',
    FETCH_TIMEOUT_MS: '30000',
    INGEST_INTERVAL_SECONDS: '0',
    // 0 = no pruning: with the default 90 days the first poll's raw rows (2022) would be pruned against today's date.
    RAW_RETENTION_DAYS: '0',
  });

  const { resetConfig } = await import('@/lib/config');
  resetConfig();
  const { closeDatabase } = await import('@/db/client');
  const cron = await import('@/app/api/cron/ingest/route');
  const hotspots = await import('@/app/api/hotspots/route');
  const profile = await import('@/app/api/profile/route');
  const forecast = await import('@/app/api/forecast/route');
  const episodes = await import('@/app/api/episodes/route');
  const hexagon = await import('@/app/api/hexagons/[h3]/route');
  const systems = await import('@/app/api/systems/route');

  // ---------------------------------------------------------------- writing answers

  type Normaliser = (body: string) => string;
  const generatedAt: Normaliser = (b) => b.replace(/"generatedAt":"[^"]*"/g, `"generatedAt":${NORMALISED}`);
  const systemAges: Normaliser = (b) =>
    b.replace(/"lastPollAgeSeconds":-?\d+(\.\d+)?/g, `"lastPollAgeSeconds":${NORMALISED}`).replace(/"lastAttempt":\{"at":"[^"]*"/g, `"lastAttempt":{"at":${NORMALISED}`);
  const durations: Normaliser = (b) => b.replace(/"durationMs":-?\d+(\.\d+)?/g, `"durationMs":${NORMALISED}`);

  async function describe(response: Response, normalise?: Normaliser): Promise<Buffer> {
    const headers = [...response.headers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const head = [`status: ${response.status}`, ...headers.map(([k, v]) => `${k}: ${v}`), '', ''].join('\n');
    let body = Buffer.from(await response.arrayBuffer());
    if (normalise) {
      // Only touch the body when the normaliser changes something; else keep the exact bytes.
      const text = body.toString('utf8');
      const changed = normalise(text);
      if (changed !== text) body = Buffer.from(changed, 'utf8');
    }
    return Buffer.concat([Buffer.from(head, 'utf8'), body]);
  }

  const written: string[] = [];
  async function save(name: string, response: Response, normalise?: Normaliser): Promise<Response> {
    fs.writeFileSync(path.join(outDir, `${name}.txt`), await describe(response.clone(), normalise));
    written.push(name);
    return response;
  }

  const url = (route: string, query = '') => `http://localhost${route}${query ? `?${query}` : ''}`;
  const get = (route: string, query = '', headers: Record<string, string> = {}) => new Request(url(route, query), { headers });
  const bearer = { authorization: `Bearer ${SECRET}` };

  try {
    // ---------------------------------------------------------------- ingestion
    log(`replaying ${snapshots.length} snapshots (${snapshots[0]} .. ${snapshots.at(-1)}) into ${dataDir}, feed on port ${port}`);
    const cronLog: Buffer[] = [];
    for (let i = 0; i < snapshots.length; i++) {
      current = i;
      const response = await cron.GET(get('/api/cron/ingest', '', bearer));
      cronLog.push(Buffer.from(`${snapshots[i]} `), await describe(response, durations), Buffer.from('\n'));
      if (response.status !== 200) throw new Error(`cron poll ${i} (${snapshots[i]}) answered ${response.status}`);
      if (i % 100 === 0) log(`  poll ${i + 1} of ${snapshots.length}`);
    }
    fs.writeFileSync(path.join(outDir, 'cron-ingest-all.txt'), Buffer.concat(cronLog));
    written.push('cron-ingest-all');
    log('replay done');

    // The last snapshot again (unchanged), and a call without the secret.
    await save('cron-repeat-last', await cron.GET(get('/api/cron/ingest', '', bearer)), durations);
    await save('cron-no-secret', await cron.GET(get('/api/cron/ingest')));

    // ---------------------------------------------------------------- reads
    const HEX10 = '8a099938662ffff'; // two stations (The Hub, Biskop Gunnerus' gate)
    const HEX8 = '8809993867fffff'; // 17 stations
    const h = async (name: string, query: string) => save(name, await hotspots.GET(get('/api/hotspots', query)), generatedAt);

    await h('hotspots-day', 'date=2022-10-25');
    await h('hotspots-day-system', `system=${SYSTEM}&date=2022-10-26`);
    await h('hotspots-no-date', '');
    await h('hotspots-dst-day', 'date=2022-10-30');
    await h('hotspots-period-weekdays', 'start=2022-10-24&end=2022-11-01&weekdays=1,2,3,4,5');
    await h('hotspots-period', 'start=2022-10-24&end=2022-10-30');
    await h('hotspots-window', 'date=2022-10-26&from=7&to=10');
    await h('hotspots-period-window', 'start=2022-10-24&end=2022-10-28&weekdays=1,3&from=16&to=19');
    await h('hotspots-res8', 'date=2022-10-26&resolution=8');
    await h('hotspots-res7-period', 'start=2022-10-24&end=2022-10-30&resolution=7');
    await h('hotspots-metric-full', 'date=2022-10-26&metric=full');
    await h('hotspots-metric-empty-limit', 'date=2022-10-27&metric=empty&limit=15');
    await h('hotspots-geojson', 'date=2022-10-26&format=geojson');
    await h('hotspots-csv', 'date=2022-10-26&format=csv');
    await h('hotspots-compare', 'start=2022-10-31&end=2022-11-01&baseStart=2022-10-24&baseEnd=2022-10-25');
    await h('hotspots-compare-csv', 'date=2022-10-31&baseDate=2022-10-24&format=csv');
    await h('hotspots-compare-limit-res9', 'date=2022-10-31&baseDate=2022-10-24&resolution=9&limit=20');
    await h('hotspots-future-day', 'date=2022-11-10');
    // Bad requests.
    await h('bad-hotspots-date', 'date=2022-13-01');
    await h('bad-hotspots-system', 'system=nowhere&date=2022-10-25');
    await h('bad-hotspots-resolution', 'date=2022-10-25&resolution=6');
    await h('bad-hotspots-from-to', 'date=2022-10-25&from=10&to=9');
    await h('bad-hotspots-metric', 'date=2022-10-25&metric=nope');
    await h('bad-hotspots-both', 'date=2022-10-25&start=2022-10-24&end=2022-10-26');

    await save('profile-system', await profile.GET(get('/api/profile', 'start=2022-10-24&end=2022-11-01')));
    await save('profile-hex10', await profile.GET(get('/api/profile', `start=2022-10-24&end=2022-10-30&h3=${HEX10}`)));
    await save('profile-hex8-full', await profile.GET(get('/api/profile', `system=${SYSTEM}&start=2022-10-24&end=2022-10-30&h3=${HEX8}&metric=full`)));
    await save('bad-profile-no-end', await profile.GET(get('/api/profile', 'start=2022-10-24')));

    const forecastDefault = await save('forecast-default', await forecast.GET(get('/api/forecast')));
    if (forecastDefault.status !== 200) throw new Error(`/api/forecast answered ${forecastDefault.status}: ${await forecastDefault.text()}`);
    await save('forecast-res8', await forecast.GET(get('/api/forecast', 'resolution=8')));
    await save('forecast-h3', await forecast.GET(get('/api/forecast', `system=${SYSTEM}&h3=${HEX8}`)));
    await save('bad-forecast-resolution', await forecast.GET(get('/api/forecast', 'resolution=6')));

    await save('episodes-day', await episodes.GET(get('/api/episodes', 'start=2022-10-25&end=2022-10-25')));
    await save('episodes-csv', await episodes.GET(get('/api/episodes', 'start=2022-10-25&end=2022-10-25&format=csv')));
    await save('episodes-empty-period', await episodes.GET(get('/api/episodes', `start=2022-10-28&end=2022-11-01&kind=empty&limit=25`)));
    await save('episodes-h3', await episodes.GET(get('/api/episodes', `start=2022-10-24&end=2022-11-01&h3=${HEX8}`)));
    await save('bad-episodes-kind', await episodes.GET(get('/api/episodes', 'start=2022-10-25&end=2022-10-25&kind=both')));

    const hex = (h3: string, query: string) => hexagon.GET(get(`/api/hexagons/${h3}`, query), { params: Promise.resolve({ h3 }) });
    await save('hexagon-day', await hex(HEX10, 'date=2022-10-25'));
    await save('hexagon-window', await hex(HEX8, `system=${SYSTEM}&date=2022-10-30&from=6&to=12`));
    await save('bad-hexagon-cell', await hex('8a099938662fffx', 'date=2022-10-25'));
    await save('bad-hexagon-no-date', await hex(HEX10, ''));

    await save('systems', await systems.GET(get('/api/systems')), systemAges);
  } finally {
    await closeDatabase();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // The feed's port is random: it must appear in no answer, or the runs would differ.
  for (const name of fs.readdirSync(outDir)) {
    if (fs.readFileSync(path.join(outDir, name), 'utf8').includes(`:${port}`)) console.error(`warning: ${name} contains the feed port ${port}`);
  }
  log(`wrote ${written.length} files to ${outDir}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
