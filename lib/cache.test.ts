import { describe, expect, it, vi } from 'vitest';
import { Memo, perDatabase } from './cache';

/** A load whose promises the test settles by hand. */
function manualLoad() {
  const pending: Array<{ key: string; resolve: (value: string) => void; reject: (error: Error) => void }> = [];
  const load = vi.fn((key: string) => new Promise<string>((resolve, reject) => pending.push({ key, resolve, reject })));
  return { load, pending };
}

/** A load that answers at once, counting the loads of each key. */
function countingLoad() {
  const loads = new Map<string, number>();
  const load = vi.fn(async (key: string) => {
    const n = (loads.get(key) ?? 0) + 1;
    loads.set(key, n);
    return `${key}${n}`;
  });
  return { load, loads };
}

describe('Memo', () => {
  it('shares the load of a key with the requests that arrive while it runs', async () => {
    const { load, pending } = manualLoad();
    const memo = new Memo<string, string>({ max: 4, load });
    const first = memo.fetch('a');
    const second = memo.fetch('a');
    expect(load).toHaveBeenCalledTimes(1);
    pending[0].resolve('A');
    expect(await first).toBe('A');
    expect(await second).toBe('A');
    expect(await memo.fetch('a')).toBe('A');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('passes the context of the fetch that starts a load to it', async () => {
    const load = vi.fn(async (key: string, context: { times: number }) => key.repeat(context.times));
    const memo = new Memo<string, string, { times: number }>({ max: 4, load });
    expect(await memo.fetch('ab', { times: 2 })).toBe('abab');
    expect(await memo.fetch('ab', { times: 3 })).toBe('abab');
  });

  it('does not keep a load that failed: every waiter sees the failure, the next fetch loads again', async () => {
    const { load, pending } = manualLoad();
    const memo = new Memo<string, string>({ max: 4, load });
    const first = memo.fetch('a');
    const second = memo.fetch('a');
    pending[0].reject(new Error('unreachable'));
    await expect(first).rejects.toThrow('unreachable');
    await expect(second).rejects.toThrow('unreachable');
    const third = memo.fetch('a');
    expect(load).toHaveBeenCalledTimes(2);
    pending[1].resolve('A');
    expect(await third).toBe('A');
  });

  it('keeps the most recently used keys up to its capacity', async () => {
    const { load, loads } = countingLoad();
    const memo = new Memo<string, string>({ max: 2, load });
    await memo.fetch('a');
    await memo.fetch('b');
    await memo.fetch('a');
    await memo.fetch('c');
    expect(memo.size).toBe(2);
    expect(await memo.fetch('a')).toBe('a1');
    expect(await memo.fetch('c')).toBe('c1');
    // b, the least recently used, was dropped.
    expect(await memo.fetch('b')).toBe('b2');
    expect(loads).toEqual(new Map([['a', 1], ['b', 2], ['c', 1]]));
  });

  it('serves a value while it is younger than freshForMs, on the clock it is given', async () => {
    let now = 10_000;
    const { load } = countingLoad();
    const memo = new Memo<string, string>({ max: 4, freshForMs: 1000, now: () => now, load });
    expect(await memo.fetch('a')).toBe('a1');
    now += 999;
    expect(await memo.fetch('a')).toBe('a1');
    now += 1;
    expect(await memo.fetch('a')).toBe('a2');
    // Counted from when the new value arrived.
    now += 999;
    expect(await memo.fetch('a')).toBe('a2');
  });

  it('refuses a freshness window lru-cache cannot keep', () => {
    const load = async () => 'a';
    expect(() => new Memo<string, string>({ max: 1, freshForMs: 1, load })).toThrow(RangeError);
    expect(() => new Memo<string, string>({ max: 1, freshForMs: 0, load })).toThrow(RangeError);
  });

  it('measures freshness on fake timers too, without waiting', async () => {
    vi.useFakeTimers({ now: 50_000 });
    try {
      const { load } = countingLoad();
      const memo = new Memo<string, string>({ max: 4, freshForMs: 1000, load });
      expect(await memo.fetch('a')).toBe('a1');
      vi.advanceTimersByTime(999);
      expect(await memo.fetch('a')).toBe('a1');
      vi.advanceTimersByTime(1);
      expect(await memo.fetch('a')).toBe('a2');
    } finally {
      vi.useRealTimers();
    }
  });

  it('still answers the waiters of a load it dropped, without keeping its value', async () => {
    const { load, pending } = manualLoad();
    const memo = new Memo<string, string>({ max: 1, load });
    const deleted = memo.fetch('a');
    memo.delete('a');
    const evicted = memo.fetch('b');
    void memo.fetch('c'); // evicts b, still loading
    pending[0].resolve('A');
    pending[1].resolve('B');
    pending[2].resolve('C');
    expect(await deleted).toBe('A');
    expect(await evicted).toBe('B');
    expect(memo.size).toBe(1);
    expect(await memo.fetch('c')).toBe('C');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('refreshes a key with a new load, and keeps values set without one', async () => {
    const { load } = countingLoad();
    const memo = new Memo<string, string>({ max: 4, load });
    expect(await memo.fetch('a')).toBe('a1');
    expect(await memo.refresh('a')).toBe('a2');
    expect(await memo.fetch('a')).toBe('a2');
    memo.set('b', 'known');
    expect(await memo.fetch('b')).toBe('known');
    memo.clear();
    expect(memo.size).toBe(0);
    expect(await memo.fetch('b')).toBe('b1');
  });
});

describe('perDatabase', () => {
  it('makes one cache per database, from that database', () => {
    const make = vi.fn((database: { name: string }) => ({ of: database.name }));
    const cacheOf = perDatabase(make);
    const one = { name: 'one' };
    const two = { name: 'two' };
    expect(cacheOf(one)).toBe(cacheOf(one));
    expect(cacheOf(two)).toEqual({ of: 'two' });
    expect(cacheOf(two)).not.toBe(cacheOf(one));
    expect(make).toHaveBeenCalledTimes(2);
  });
});
