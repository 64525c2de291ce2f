/**
 * Serialises the writers of one system (a poll, the rollup rebuild, retention) until the end of
 * the calling transaction; readers are never blocked. Every writer must take it through here so
 * that they all lock the same key.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from './rows';

export async function lockSystemForWriting(tx: Executor, systemId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'gbfs-ingest:' + systemId}, 0))`);
}
