/** A second app server for one browser test: the built app with an environment of its own, on a throwaway database. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/support/freePort';

export interface AppServer {
  url: string;
  stop(): Promise<void>;
}

/** `next start` on a free port with `env` (the build the suite's own server made), ready to answer. */
export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-e2e-app-'));
  const child: ChildProcess = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port)], {
    // No browser test reaches the internet: the catalog of public systems is read only where a spec points GBFS_CATALOG_URL at one.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO_MODE: '0', GBFS_CATALOG_URL: 'file:///nonexistent/gbfs-catalog-in-tests.csv', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/systems`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the app server did not answer within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `npm run demo` of its own (the suite's build, not rebuilt): the simulator with `stations`,
 * `hours` of polls `step` seconds apart backfilled into a throwaway database, then served.
 * For a history of another length than the suite's 48 hours.
 */
export async function startDemoServer(options: { hours: number; step: number; stations: number; timeoutMs?: number }): Promise<AppServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-e2e-demo-'));
  const args = ['tsx', 'cli/demo.ts', '--no-build', '--port', String(port), '--data-dir', dataDir];
  args.push('--hours', String(options.hours), '--step', String(options.step), '--stations', String(options.stations));
  // Its own process group: stopping it stops the Next server and the simulator it started.
  const child: ChildProcess = spawn('npx', args, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: '', LOG_LEVEL: 'warn', INGEST_INTERVAL_SECONDS: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the demo exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/systems`)).ok) break;
    } catch {
      // still backfilling
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the demo did not answer within ${(options.timeoutMs ?? 240_000) / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { url, stop };
}
