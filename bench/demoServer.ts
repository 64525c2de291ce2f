/** The built app on a throwaway embedded database backfilled from the simulator, for benchmarks. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startSimulator } from '@/simulator';
import { getConfig } from '@/lib/config';
import { backfill } from '@/cli/backfill';
import { ensureBuild, startNextServer } from '@/cli/nextServer';

const STEP = 600;

export interface DemoServer {
  base: string;
  polls: number;
  server: ChildProcess;
  close: () => Promise<void>;
}

export async function waitFor(url: string, timeoutMs: number): Promise<void> {
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

/** Velib-sized (1,500 stations), `hours` of polls every 10 minutes up to now, no scheduler. */
export async function startDemoServer({ port, hours }: { port: number; hours: number }): Promise<DemoServer> {
  ensureBuild();
  const now = Math.floor(Date.now() / 1000);
  const sim = await startSimulator({ variant: 'velib', stations: 1500, seed: 1, startTime: Math.floor((now - hours * 3600) / STEP) * STEP, stepSeconds: STEP, realTimeCap: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-bench-'));
  const polls = await backfill({ dataDir, systemId: 'velib', gbfsUrl: sim.gbfsUrl, settings: { ...getConfig(), MAX_GAP_SECONDS: 900 } });
  const server = startNextServer(String(port), {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    GBFS_SYSTEMS: `velib=${sim.gbfsUrl}`,
    INGEST_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'silent',
  });
  const base = `http://127.0.0.1:${port}`;
  const close = async () => {
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${base}/api/systems`, 60_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { base, polls, server, close };
}
