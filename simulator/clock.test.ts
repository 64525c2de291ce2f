import { describe, expect, it } from 'vitest';
import { SimClock } from './clock';

const START = 1_760_000_000 - (1_760_000_000 % 60);

describe('SimClock', () => {
  it('returns startTime first, then one step per advance, and peek does not move it', () => {
    const clock = new SimClock({ startTime: START, stepSeconds: 60, realTimeCap: false });
    expect(clock.now()).toBe(START);
    expect(clock.peek()).toBe(START);
    expect(clock.advance()).toBe(START);
    expect(clock.peek()).toBe(START + 60);
    expect(clock.now()).toBe(START);
    expect(clock.advance()).toBe(START + 60);
    expect(clock.advance()).toBe(START + 120);
    expect(clock.now()).toBe(START + 120);
  });

  it('stale time is older than anything served', () => {
    const clock = new SimClock({ startTime: START, stepSeconds: 60, realTimeCap: false });
    clock.advance();
    clock.advance();
    expect(clock.staleTime()).toBeLessThan(START);
  });

  it('with realTimeCap catches up fast, then follows the wall clock rounded to the step', () => {
    let wall = START + 150; // 2.5 steps after the start
    const clock = new SimClock({ startTime: START, stepSeconds: 60, realTimeCap: true, wallClock: () => wall });
    const served = Array.from({ length: 6 }, () => clock.advance());
    expect(served).toEqual([START, START + 60, START + 120, START + 120, START + 120, START + 120]);
    wall += 60;
    expect(clock.advance()).toBe(START + 180);
    expect(clock.advance()).toBe(START + 180);
  });

  it('with realTimeCap never starts in the future', () => {
    const wall = START;
    const clock = new SimClock({ startTime: START + 3600, stepSeconds: 60, realTimeCap: true, wallClock: () => wall });
    expect(clock.advance()).toBe(START);
  });
});
