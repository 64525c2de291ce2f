import { describe, expect, it } from 'vitest';
import { colorForWeight } from './colorRamp';
import { frameDomain } from './usePlaybackScale';

describe('the colour scale while History ▶ plays', () => {
  it('gives the same value the same colour in every hour, although each hour weighs against its own heaviest hexagon', () => {
    const range = { minValue: 0.1, maxValue: 0.9 };
    // Two hours: the value 0.45 weighs 0.5 in the first (heaviest 0.9) and 1 in the second (heaviest 0.45).
    const morning = [{ weight: 1, value: 0.9 }, { weight: 0.5, value: 0.45 }];
    const night = [{ weight: 1, value: 0.45 }, { weight: 0.4, value: 0.18 }];
    const [a, b] = [frameDomain(range, morning)!, frameDomain(range, night)!];
    expect(colorForWeight(0.5, a)).toEqual(colorForWeight(1, b));
    expect(a).toMatchObject({ minValue: 0.1, maxValue: 0.9 });
    expect(b).toMatchObject({ minValue: 0.1, maxValue: 0.9 });
    expect(frameDomain(range, [{ weight: 0, value: 0 }])).toBeNull();
  });
});
