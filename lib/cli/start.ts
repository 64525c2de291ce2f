/**
 * `npm start`: builds the app when the build is missing or older than the sources, then runs
 * `next start`. The server opens the database (applying migrations) and starts polling itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['app', 'lib', 'db', 'next.config.mjs', 'package.json', 'instrumentation.ts'];
const BUILD_ID = path.join('.next', 'BUILD_ID');

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .filter((name) => name !== 'node_modules' && !name.endsWith('.test.ts'))
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function buildIsCurrent(): boolean {
  if (!fs.existsSync(BUILD_ID)) return false;
  const built = fs.statSync(BUILD_ID).mtimeMs;
  return SOURCES.every((entry) => newestMtime(entry) <= built);
}

const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');
if (!buildIsCurrent()) {
  console.log('npm start: building the app (next build)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT || '3000';
const server = spawn(process.execPath, [nextBin, 'start', '-p', port, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
