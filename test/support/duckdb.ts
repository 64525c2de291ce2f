/**
 * DuckDB as the tests' independent reader of exported files (Parquet and CSV): it shares no code
 * with hyparquet-writer nor with the app. Cast in the query what a test compares (counts ::int,
 * sums ::double, instants ::varchar): the answer comes as JSON values.
 */
import type { Json } from '@duckdb/node-api';

export async function duckdbRows(query: string): Promise<Record<string, Json>[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(query)).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A file path as a DuckDB string literal. */
export function fileLiteral(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}
