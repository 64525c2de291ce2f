import { describe, expect, it } from 'vitest';
import { startScheduler } from './scheduler';
import { checkBearerToken } from '@/lib/api/bearerToken';

describe('startScheduler', () => {
  it('never overlaps a slow tick with the next one', async () => {
    let running = 0;
    let overlapped = false;
    let ticks = 0;
    const scheduler = startScheduler(0.01, async () => {
      running++;
      overlapped ||= running > 1;
      ticks++;
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
    }, () => {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    await scheduler.stop();
    expect(overlapped).toBe(false);
    expect(ticks).toBeGreaterThanOrEqual(3);
    const after = ticks;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(ticks).toBe(after);
  });

  it('keeps ticking after a failed tick', async () => {
    const errors: unknown[] = [];
    let ticks = 0;
    const scheduler = startScheduler(0.005, async () => {
      ticks++;
      throw new Error('feed down');
    }, (error) => errors.push(error));
    await new Promise((resolve) => setTimeout(resolve, 60));
    await scheduler.stop();
    expect(ticks).toBeGreaterThan(1);
    expect(errors).toHaveLength(ticks);
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
