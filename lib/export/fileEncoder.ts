/** Turns rows, a page at a time, into the bytes of one file: what a format needs to implement. */
export interface FileEncoder<Row> {
  /** The file's opening bytes. */
  start(): Uint8Array[];
  /** Bytes for these rows; maybe none yet (Parquet fills a row group first). */
  add(rows: readonly Row[]): Uint8Array[];
  /** The rest of the file. */
  end(): Uint8Array[];
}
