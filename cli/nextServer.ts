/** Building (when needed) and starting the Next.js server, for `npm start` and `npm run demo`. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['app', 'lib', 'db', 'public', 'next.config.mjs', 'package.json', 'instrumentation.ts'];
const BUILD_ID = path.join('.next', 'BUILD_ID');
const NEXT_BIN = path.join('node_modules', 'next', 'dist', 'bin', 'next');

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return entry.endsWith('.test.ts') ? 0 : stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

export function buildIsCurrent(): boolean {
  if (!fs.existsSync(BUILD_ID)) return false;
  const built = fs.statSync(BUILD_ID).mtimeMs;
  return SOURCES.every((entry) => newestMtime(entry) <= built);
}

/** Runs `next build` when the build is missing or older than the sources; exits on failure. */
export function ensureBuild(): void {
  if (buildIsCurrent()) return;
  console.log('Building the app (next build)…');
  const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

export function startNextServer(port: string, env: NodeJS.ProcessEnv = process.env, extraArgs: string[] = []): ChildProcess {
  const server = spawn(process.execPath, [NEXT_BIN, 'start', '-p', port, ...extraArgs], {
    stdio: 'inherit',
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  return server;
}
