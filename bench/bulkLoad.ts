/**
 * Loading millions of generated rows with the table's indexes in place costs an index insert per
 * row and index; building them afterwards sorts once, about twice as fast on either engine (measured
 * on station_status: PGlite 68k → 129k rows/s; station_hourly, 30 days onto 30: 14.5–18.3 s → 9.1–9.9 s).
 * The indexes come back exactly as they were: their definitions are read from the catalog, so this
 * follows whatever the migrations define.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';

interface IndexDefinition {
  name: string;
  /** `primary key (…)` for the primary key constraint, else a full `create index` statement. */
  definition: string;
  isPrimaryKey: boolean;
}

async function indexesOf(db: Db, table: string): Promise<IndexDefinition[]> {
  return queryRows<IndexDefinition>(
    db,
    sql`select c.relname as name, coalesce(pg_get_constraintdef(k.oid), pg_get_indexdef(i.indexrelid)) as definition,
          k.contype is not distinct from 'p' as "isPrimaryKey"
        from pg_index i
        join pg_class c on c.oid = i.indexrelid
        left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = i.indrelid
        where i.indrelid = ${table}::regclass`,
  );
}

export async function withIndexesBuiltAfter<T>(db: Db, table: string, load: () => Promise<T>): Promise<T> {
  const indexes = await indexesOf(db, table);
  if (indexes.some((index) => !index.isPrimaryKey && !/^CREATE (UNIQUE )?INDEX/i.test(index.definition))) {
    throw new Error(`${table} has a constraint index other than its primary key; teach bulkLoad.ts about it`);
  }
  for (const index of indexes) {
    await db.execute(
      index.isPrimaryKey
        ? sql`alter table ${sql.identifier(table)} drop constraint ${sql.identifier(index.name)}`
        : sql`drop index ${sql.identifier(index.name)}`,
    );
  }
  const result = await load();
  for (const index of indexes) {
    await db.execute(
      index.isPrimaryKey
        ? sql`alter table ${sql.identifier(table)} add constraint ${sql.identifier(index.name)} ${sql.raw(index.definition)}`
        : sql.raw(index.definition),
    );
  }
  return result;
}
