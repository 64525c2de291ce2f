import { describe, expect, it } from 'vitest';
import { startScheduler } from './scheduler';
import { checkCronAuthorization } from './cronAuth';

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

describe('checkCronAuthorization', () => {
  it('accepts only "Bearer <secret>"', () => {
    expect(checkCronAuthorization('Bearer s3cret', 's3cret')).toBe('ok');
    expect(checkCronAuthorization('Bearer s3cre', 's3cret')).toBe('denied');
    expect(checkCronAuthorization('bearer s3cret', 's3cret')).toBe('denied');
    expect(checkCronAuthorization(null, 's3cret')).toBe('denied');
    expect(checkCronAuthorization('Bearer ', '')).toBe('not_configured');
    expect(checkCronAuthorization('Bearer x', undefined)).toBe('not_configured');
  });
});
