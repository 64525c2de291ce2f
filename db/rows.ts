import type { SQL } from 'drizzle-orm';
import type { Db } from './client';

/** What both a database handle and a transaction can run. */
export type Executor = Pick<Db, 'execute' | 'select' | 'insert' | 'update' | 'delete'>;

/** Raw SQL rows: postgres.js answers with an array, PGlite with { rows }. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await executor.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
