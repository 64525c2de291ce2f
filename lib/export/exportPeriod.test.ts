import { describe, expect, it } from 'vitest';
import { keysetPages } from './exportPeriod';

/** A table of the numbers 1..n read in pages after a cursor, recording every read. */
function numbers(n: number) {
  const reads: Array<number | null> = [];
  const readAfter = async (last: number | null) => {
    reads.push(last);
    const from = (last ?? 0) + 1;
    return Array.from({ length: Math.max(0, Math.min(3, n - from + 1)) }, (_, i) => from + i);
  };
  return { reads, readAfter };
}

async function collect(pages: AsyncIterable<number[]>): Promise<number[][]> {
  const all: number[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('keysetPages', () => {
  it('reads each page after the last row of the one before, until a short page', async () => {
    const table = numbers(7);
    expect(await collect(keysetPages(table.readAfter, 3))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(table.reads).toEqual([null, 3, 6]);
  });

  it('ends with an empty read when the last page was full, and yields no empty page', async () => {
    const table = numbers(6);
    expect(await collect(keysetPages(table.readAfter, 3))).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(table.reads).toEqual([null, 3, 6]);
    expect(await collect(keysetPages(numbers(0).readAfter, 3))).toEqual([]);
  });

  it('reads one page ahead at most, and a consumer that stops early leaves no failing read behind', async () => {
    const reads: Array<number | null> = [];
    const failingAhead = async (last: number | null) => {
      reads.push(last);
      if (last !== null) throw new Error('the read ahead failed');
      return [1, 2, 3];
    };
    for await (const page of keysetPages(failingAhead, 3)) {
      expect(page).toEqual([1, 2, 3]);
      // A slow consumer: the read ahead has failed meanwhile, which must not be an unhandled rejection.
      await new Promise((resolve) => setTimeout(resolve, 20));
      break;
    }
    expect(reads).toEqual([null, 3]);
    // A consumer that goes on gets the failure where it awaits the page.
    await expect(collect(keysetPages(failingAhead, 3))).rejects.toThrow('the read ahead failed');
  });
});
