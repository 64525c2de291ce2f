/**
 * A hyparquet-writer Writer that hands its bytes over in chunks instead of growing one buffer for
 * the whole file: the file leaves as it is written, and what is held at once is about a row
 * group's encoded pages. The Parquet writer never goes back to patch written bytes (it keeps
 * offsets and writes the footer last), so a chunk is final once taken.
 */
import { ByteWriter } from 'hyparquet-writer';

/** Past this many buffered bytes the next write moves them out (as hyparquet-writer's own fileWriter does). */
const CHUNK_BYTES = 1 << 20;

export class ChunkWriter extends ByteWriter {
  private chunks: Uint8Array[] = [];

  constructor() {
    super(CHUNK_BYTES + (CHUNK_BYTES >> 2));
  }

  override ensure(size: number): void {
    if (this.index > CHUNK_BYTES) this.flush();
    super.ensure(size);
  }

  /** Called by the Parquet writer after each row group and at the end of the file. */
  flush(): void {
    if (this.index === 0) return;
    this.chunks.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }

  /** The bytes written since the last call, in order. */
  take(): Uint8Array[] {
    this.flush();
    const taken = this.chunks;
    this.chunks = [];
    return taken;
  }
}
