/** A bounded map that forgets the least recently used entry first. */
export class LruCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** One cache per open database: tests open several in one process, and answers must not cross. */
export function perDatabase<T>(capacity: number): (database: object) => LruCache<T> {
  const caches = new WeakMap<object, LruCache<T>>();
  return (database) => {
    let cache = caches.get(database);
    if (!cache) caches.set(database, (cache = new LruCache<T>(capacity)));
    return cache;
  };
}
