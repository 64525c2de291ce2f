import { afterEach, describe, expect, it, vi } from 'vitest';
import { startScheduler } from './scheduler';
import { checkBearerToken } from '@/lib/api/bearerToken';

/** A promise and the function that settles it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('startScheduler', () => {
  // The scheduler's waits run on fake timers: "nothing happens for ten intervals" is then a fact,
  // not a guess about how fast a loaded machine is.
  afterEach(() => vi.useRealTimers());

  it('never starts a tick while one runs: the next comes an interval after a slow tick ends', async () => {
    vi.useFakeTimers();
    const gates: Array<() => void> = [];
    let running = 0;
    let most = 0;
    const scheduler = startScheduler(0.01, async () => {
      most = Math.max(most, ++running);
      await new Promise<void>((open) => gates.push(open));
      running--;
    }, () => {});
    // The first tick starts at once and is held: ten intervals later it is still the only one.
    expect(gates).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(gates).toHaveLength(1);
    // Released after ten intervals, the next starts at once; one released at once waits out its interval.
    gates[0]();
    await vi.advanceTimersByTimeAsync(0);
    expect(gates).toHaveLength(2);
    gates[1]();
    await vi.advanceTimersByTimeAsync(5);
    expect(gates).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(5);
    expect(gates).toHaveLength(3);
    expect(most).toBe(1);

    // stop() waits for the tick that runs, and leaves nothing planned after it.
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(false);
    gates[2]();
    await stopping;
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(gates).toHaveLength(3);
  });

  it('keeps ticking after a failed tick, each failure reported once', { timeout: 10_000 }, async () => {
    const errors: unknown[] = [];
    let ticks = 0;
    const threeFailures = deferred();
    const scheduler = startScheduler(0.005, async () => {
      ticks++;
      throw new Error('feed down');
    }, (error) => {
      errors.push(error);
      if (errors.length === 3) threeFailures.resolve();
    });
    await threeFailures.promise;
    await scheduler.stop();
    expect(ticks).toBe(errors.length);
    expect(errors.every((error) => error instanceof Error && error.message === 'feed down')).toBe(true);
  });
});

describe('checkBearerToken', () => {
  it('accepts only "Bearer <secret>"', () => {
    expect(checkBearerToken('Bearer s3cret', 's3cret')).toBe('ok');
    expect(checkBearerToken('Bearer s3cre', 's3cret')).toBe('denied');
    expect(checkBearerToken('bearer s3cret', 's3cret')).toBe('denied');
    expect(checkBearerToken(null, 's3cret')).toBe('denied');
    expect(checkBearerToken('Bearer ', '')).toBe('not_configured');
    expect(checkBearerToken('Bearer x', undefined)).toBe('not_configured');
  });
});
