/**
 * What this process keeps of what it read or computed, on lru-cache: a Memo keeps the promise of
 * each key's value, so that the requests arriving while it is loaded share one load, and drops it
 * when it rejects, so that the next request tries again.
 */
import { LRUCache } from 'lru-cache';

/**
 * How long a fact read from the database is shared before it is read again: what another process
 * writes to a shared Postgres shows within this time.
 */
export const FRESH_FOR_MS = 1000;

export interface MemoOptions<K, V, C> {
  /** How many keys are kept; the least recently used is dropped first. */
  max: number;
  /** A value is served while it is younger than this (ms since it arrived); without it, until dropped. */
  freshForMs?: number;
  /** The clock freshness is measured on, in whole milliseconds. */
  now?: () => number;
  /** Loads a key's value; `context` is what the caller of fetch passed along. */
  load: (key: K, context: C) => Promise<V>;
}

export class Memo<K extends {}, V extends {}, C = void> {
  private readonly cache: LRUCache<K, V, unknown>;

  constructor({ max, freshForMs, now = () => Date.now(), load }: MemoOptions<K, V, C>) {
    // Below 2 ms the ttl below would be 0 (kept forever) or negative.
    if (freshForMs !== undefined && !(Number.isInteger(freshForMs) && freshForMs >= 2)) {
      throw new RangeError(`freshForMs must be a whole number of ms, at least 2: ${freshForMs}`);
    }
    this.cache = new LRUCache<K, V, unknown>({
      max,
      // lru-cache serves an entry while its age is at most ttl: with a clock in whole
      // milliseconds, that is while it is younger than freshForMs.
      ...(freshForMs === undefined ? {} : { ttl: freshForMs - 1 }),
      // Read the clock on every check (no 1 ms cache of it), so that an injected clock is obeyed.
      ttlResolution: 0,
      perf: { now },
      // A load dropped from the cache (evicted, deleted, replaced) still answers the requests
      // that wait on it; it is only not kept.
      ignoreFetchAbort: true,
      fetchMethod: (key, _stale, { context }) => load(key, context as C),
    });
  }

  /** The key's value: the kept one, else the one being loaded, else a new load. */
  fetch(key: K, context: C): Promise<V> {
    return this.cache.forceFetch(key, { context });
  }

  /** A new load of the key's value, kept in place of what was (the requests waiting on that still get it). */
  refresh(key: K, context: C): Promise<V> {
    this.cache.delete(key);
    return this.fetch(key, context);
  }

  /** Keeps a value known without loading it. */
  set(key: K, value: V): void {
    this.cache.set(key, value);
  }

  delete(key: K): void {
    this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }

  /** How many keys are kept or being loaded. */
  get size(): number {
    return this.cache.size;
  }
}

/** One cache per open database: tests open several in one process, and answers must not cross. */
export function perDatabase<D extends object, T>(make: (database: D) => T): (database: D) => T {
  const caches = new WeakMap<D, T>();
  return (database) => {
    let cache = caches.get(database);
    if (cache === undefined) caches.set(database, (cache = make(database)));
    return cache;
  };
}
