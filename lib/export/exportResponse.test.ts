import { describe, expect, it } from 'vitest';
import { readableStreamOf } from './exportResponse';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readableStreamOf', () => {
  it('pulls a chunk only when the reader wants one', async () => {
    let produced = 0;
    async function* chunks() {
      for (let i = 0; i < 100; i++) {
        produced++;
        yield bytes(`chunk ${i}\n`);
      }
    }
    const reader = readableStreamOf(chunks(), () => {}).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('chunk 0\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The chunk read and at most one queued ahead.
    expect(produced).toBeLessThanOrEqual(2);
    await reader.cancel();
  });

  it('a reader that cancels ends the source (its finally runs: the export stops reading)', async () => {
    let finished = false;
    async function* chunks() {
      try {
        for (;;) yield bytes('x');
      } finally {
        finished = true;
      }
    }
    const reader = readableStreamOf(chunks(), () => {}).getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });

  it('a failure after the first bytes errors the stream (the download is cut) and is reported once', async () => {
    const reported: unknown[] = [];
    async function* chunks() {
      yield bytes('PAR1');
      throw new Error('connection lost');
    }
    const reader = readableStreamOf(chunks(), (error) => reported.push(error)).getReader();
    expect((await reader.read()).value).toEqual(bytes('PAR1'));
    await expect(reader.read()).rejects.toThrow('connection lost');
    expect(reported).toHaveLength(1);
  });
});
