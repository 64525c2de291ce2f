import { describe, expect, it } from 'vitest';
import { colorDomainOf, colorForWeight, deltaColor, rampColor } from './colorRamp';

describe('the colour ramp', () => {
  it('runs from viridis dark purple to yellow and interpolates between its points', () => {
    expect(rampColor(0)).toEqual([68, 1, 84]);
    expect(rampColor(1)).toEqual([253, 231, 37]);
    expect(rampColor(0.0625)).toEqual([70, 23, 104]);
    expect(rampColor(Number.NaN)).toEqual([68, 1, 84]);
    expect(rampColor(7)).toEqual([253, 231, 37]);
  });

  it('stretches over the weights shown, and reports their real values for the legend', () => {
    const domain = colorDomainOf([
      { weight: 1, value: 0.66 },
      { weight: 0.5, value: 0.33 },
      { weight: 0.75, value: 0.495 },
    ]);
    expect(domain).toEqual({ minWeight: 0.5, maxWeight: 1, minValue: 0.33, maxValue: 0.66 });
    if (!domain) throw new Error('no domain');
    expect(colorForWeight(0.5, domain)).toEqual(rampColor(0));
    expect(colorForWeight(0.75, domain)).toEqual(rampColor(0.5));
    expect(colorForWeight(1, domain)).toEqual(rampColor(1));
    expect(colorDomainOf([])).toBeNull();
  });

  it('puts a lone hexagon (or equal weights) at the top of the ramp', () => {
    const domain = colorDomainOf([{ weight: 1, value: 3 }]);
    if (!domain) throw new Error('no domain');
    expect(colorForWeight(1, domain)).toEqual(rampColor(1));
  });
});

describe('the diverging ramp of a comparison', () => {
  it('is white at no change, purple for less, orange for more, grey for a hexagon of one period only', () => {
    expect(deltaColor(0)).toEqual([247, 247, 247]);
    expect(deltaColor(-1)).toEqual([84, 39, 136]);
    expect(deltaColor(1)).toEqual([179, 88, 6]);
    expect(deltaColor(-3)).toEqual(deltaColor(-1));
    expect(deltaColor(null)).toEqual([170, 170, 170]);
    const [r, , b] = deltaColor(0.5);
    expect(r).toBeGreaterThan(b);
  });
});

