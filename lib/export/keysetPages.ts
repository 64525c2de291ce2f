/**
 * Pages of rows, each read after the last row of the previous one, until a short page ends the
 * table. The next page is asked for as soon as the current one arrives, so that the database
 * reads it while the caller encodes this one (a Postgres server works on another core).
 */
export async function* keysetPages<Row>(readAfter: (last: Row | null) => Promise<Row[]>, pageRows: number): AsyncGenerator<Row[]> {
  let next: Promise<Row[]> | null = readAhead(readAfter, null);
  while (next) {
    const rows: Row[] = await next;
    next = rows.length >= pageRows ? readAhead(readAfter, rows[rows.length - 1]) : null;
    if (rows.length > 0) yield rows;
  }
}

/**
 * A read whose failure waits for the `await` that wants it: while the consumer is slow (a client
 * downloading) or gone, a rejected read ahead must not count as unhandled, which ends the process.
 */
function readAhead<Row>(readAfter: (last: Row | null) => Promise<Row[]>, last: Row | null): Promise<Row[]> {
  const read = readAfter(last);
  read.catch(() => {});
  return read;
}
