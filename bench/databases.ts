/** Throwaway databases for one benchmark: a PGlite folder under the system temp dir, or a new database on a Postgres server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database, type DatabaseKind } from '@/db/client';

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** Postgres only: a database the benchmark may create and drop databases from. */
  adminUrl: string;
  /** postgres.js pool size (parallel polls need one connection each). */
  maxConnections?: number;
}

/** The database and, on a server, its name (to find its backend processes). */
export type BenchDatabaseRun<T> = (database: Database, serverDatabaseName: string | null) => Promise<T>;

async function withPglite<T>(run: BenchDatabaseRun<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-bench-'));
  try {
    const database = await openDatabase({ dataDir: dir });
    try {
      return await run(database, null);
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgres<T>(adminUrl: string, maxConnections: number, run: BenchDatabaseRun<T>): Promise<T> {
  const name = `gbfs_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), maxConnections });
    try {
      return await run(database, name);
    } finally {
      await database.close();
    }
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Runs `run` on a new, migrated database that is deleted afterwards, whatever happens. */
export function withThrowawayDatabase<T>(target: DatabaseTarget, run: BenchDatabaseRun<T>): Promise<T> {
  return target.kind === 'pglite' ? withPglite(run) : withPostgres(target.adminUrl, target.maxConnections ?? 10, run);
}
