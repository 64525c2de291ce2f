/**
 * `npm run bench:load`: the running server under load. Backfills a throwaway embedded database
 * from the simulator (1,500 stations, ~36 h), starts the built app on it, and runs autocannon
 * (50 connections, 10 s) on /api/hotspots for a finished day and for today.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startSimulator } from '@/lib/simulator';
import { readConfig } from '@/lib/config';
import { localDateOf } from '@/lib/hotspots/localTime';
import { backfill } from '@/lib/cli/backfill';
import { ensureBuild, startNextServer } from '@/lib/cli/nextServer';

const PORT = '3917';
const STEP = 600;

function peakRssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function runLoadBench() {
  ensureBuild();
  const now = Math.floor(Date.now() / 1000);
  const sim = await startSimulator({ variant: 'velib', stations: 1500, seed: 1, startTime: Math.floor((now - 36 * 3600) / STEP) * STEP, stepSeconds: STEP, realTimeCap: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-load-'));
  const polls = await backfill({ dataDir, systemId: 'velib', gbfsUrl: sim.gbfsUrl, settings: { ...readConfig(), MAX_GAP_SECONDS: 900 } });
  const server = startNextServer(PORT, {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    GBFS_SYSTEMS: `velib=${sim.gbfsUrl}`,
    INGEST_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'silent',
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitFor(`${base}/api/systems`, 60_000);
    const today = localDateOf(now, 'Europe/Paris');
    const yesterday = localDateOf(now - 86_400, 'Europe/Paris');
    const results: Record<string, unknown> = { polls };
    for (const [name, date] of [['finished day', yesterday], ['today', today]] as const) {
      const url = `${base}/api/hotspots?date=${date}`;
      await fetch(url); // warm-up: first request opens the route
      const result = await autocannon({ url, connections: 50, duration: 10 });
      results[name] = {
        requestsPerSecond: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
        bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
      };
      console.log(`  /api/hotspots, ${name} (${date}): ${JSON.stringify(results[name])}`);
    }
    results.serverPeakRssMb = server.pid ? peakRssMb(server.pid) : null;
    console.log(`  server peak memory (VmHWM): ${results.serverPeakRssMb} MB`);
    return results;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('load');
  await runLoadBench();
  process.exit(0);
}
