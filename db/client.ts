/**
 * The database: embedded PGlite (real Postgres in WASM) in DATA_DIR when DATABASE_URL is unset,
 * a Postgres server through postgres.js when it is set. One drizzle schema and one set of
 * migrations serve both.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { getConfig } from '@/lib/config';
import * as schema from './schema';
import { acquireDataDirLock } from './dataDirLock';
import { createTransactionLanes, withTransactionLanes } from './transactionLanes';
import { Memo } from '@/lib/cache';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; without it PGlite is used. */
  url?: string;
  /** PGlite folder; undefined with no url means an in-memory database (tests). */
  dataDir?: string;
  migrate?: boolean;
  /** postgres.js pool size. */
  maxConnections?: number;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let releaseLock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
  }
  try {
    const client = await PGlite.create(dataDir ? path.join(dataDir, 'pglite') : undefined);
    const db = drizzle({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      async close() {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * Runs the driver's URL parsing. Node's "Invalid URL" error carries the whole URL, password
 * included, in its `input` property, which Next prints when it logs a failed request: it is
 * replaced by one that only says what is wrong.
 */
function withoutUrlInErrors<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    throw new Error(`DATABASE_URL cannot be used (${reason}): expected postgres://user:password@host:port/database`);
  }
}

/** Transactions at once on a Postgres server (polls of different systems, a rebuild); more wait their turn. */
const TRANSACTION_LANES = 4;

async function openPostgres(url: string, maxConnections: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const pool = withoutUrlInErrors(() => postgres(url, { max: maxConnections, onnotice: () => {}, connect_timeout: 10 }));
  // Transactions run on lanes of their own, so that losing a connection cannot crash the process (see transactionLanes.ts).
  const lanes = createTransactionLanes(
    // No max_lifetime: a lane must never close its connection between two statements of a transaction.
    (onClose) => postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10, max_lifetime: null, onclose: onClose }),
    TRANSACTION_LANES,
    pool,
  );
  const db = drizzle({ client: withTransactionLanes(pool, lanes), schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async close() {
      await lanes.close();
      await pool.end({ timeout: 5 });
    },
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.url
    ? await openPostgres(options.url, options.maxConnections ?? 10)
    : await openPglite(options.dataDir);
  if (options.migrate ?? true) {
    try {
      await migrateDatabase(database);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

/** Opening the database failed (unreachable, misconfigured, its folder locked); a later try may succeed. */
/** The innermost reason: drizzle wraps the driver's error as "Failed query: <sql>", which says nothing of why. */
function rootReason(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

export class DatabaseOpenError extends Error {
  constructor(cause: unknown) {
    super(`the database could not be opened: ${rootReason(cause)}`, { cause });
    this.name = 'DatabaseOpenError';
  }
}

const globalKey = Symbol.for('gbfs-hotspots.database');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Memo<'database', Database> };

function openFromConfig(): Promise<Database> {
  const { DATABASE_URL, DATA_DIR } = getConfig();
  return openDatabase({ url: DATABASE_URL, dataDir: path.resolve(/*turbopackIgnore: true*/ DATA_DIR) }).catch((error: unknown) => {
    throw new DatabaseOpenError(error);
  });
}

/**
 * The process-wide database, opened on first use from the configuration. Kept on globalThis
 * because Next's hot reload re-evaluates modules and a second PGlite on the same folder
 * would corrupt it; a failed start is forgotten so the next request tries again.
 */
export function getDatabase(): Promise<Database> {
  const holder = globalThis as GlobalWithDb;
  return (holder[globalKey] ??= new Memo({ max: 1, load: openFromConfig })).fetch('database');
}

export async function closeDatabase(): Promise<void> {
  const holder = globalThis as GlobalWithDb;
  const opened = holder[globalKey];
  delete holder[globalKey];
  // Open or being opened: closed once open.
  if (opened && opened.size > 0) await (await opened.fetch('database')).close();
}
