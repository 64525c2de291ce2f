/** Each test file gets its own database: a fresh in-memory PGlite, or a new database on the server. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import postgres from 'postgres';
import { openDatabase, type Database, type DatabaseKind } from '@/db/client';

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
