/** Each test file gets its own database: a fresh in-memory PGlite, or a new database on the server. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import postgres from 'postgres';
import { closeDatabase, openDatabase, type Database, type DatabaseKind } from '@/db/client';
import { resetConfig } from '@/lib/config';

export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

export interface TestDatabase extends Database {
  url: string | null;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') return { ...(await openDatabase({})), url: null };
  const adminUrl = inject('testDatabaseUrl');
  const name = `gbfs_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ url, maxConnections: 12 });
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const cleaner = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await cleaner.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleaner.end();
      }
    },
  };
}

export interface AppTestDatabase {
  /** Closes the app's database handle, drops the server database and removes the data folder. */
  release(): Promise<void>;
}

/**
 * Points the app itself (DATA_DIR, DATABASE_URL: what route handlers open) at a database of its
 * own for one test file: a fresh embedded folder, or a new database on the test server.
 * `password` is set on a server URL that has none (a server checking passwords needs one).
 */
export async function pointAppAtTestDatabase(kind: DatabaseKind, label: string, options: { password?: string } = {}): Promise<AppTestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `gbfs-${label}-`));
  process.env.DATA_DIR = dataDir;
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const adminUrl = inject('testDatabaseUrl');
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const name = `gbfs_${label.replace(/\W/g, '_')}_${randomBytes(5).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(withDatabase(adminUrl, name));
    if (!url.password && options.password) url.password = options.password;
    process.env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    delete process.env.DATABASE_URL;
  }
  // The app parses its settings once: read the environment this file set up.
  resetConfig();
  return {
    async release() {
      await closeDatabase();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
      delete process.env.DATABASE_URL;
      resetConfig();
    },
  };
}
