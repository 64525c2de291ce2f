import { describe, expect, it } from 'vitest';
import { forecastDrift } from './drift';

const backtest = [
  { hours: 1, mae: 1 },
  { hours: 3, mae: 2 },
  { hours: 6, mae: null },
];

describe('forecastDrift', () => {
  it('flags a horizon whose live error is over 1.5 times the backtest, once a day of forecasts is scored', () => {
    expect(forecastDrift(backtest, [{ hours: 1, origins: 24, mae: 1.6 }, { hours: 3, origins: 24, mae: 2.2 }])).toEqual({
      drifting: true,
      worst: { hours: 1, live: 1.6, backtest: 1, ratio: 1.6 },
    });
  });

  it('does not judge on fewer than 24 scored origins, nor where the backtest has no figure', () => {
    expect(forecastDrift(backtest, [{ hours: 1, origins: 23, mae: 9 }, { hours: 6, origins: 50, mae: 9 }])).toEqual({ drifting: false, worst: null });
  });

  it('reports the worst horizon without flagging when live stays within 1.5 times', () => {
    expect(forecastDrift(backtest, [{ hours: 1, origins: 30, mae: 1.2 }, { hours: 3, origins: 30, mae: 3 }])).toEqual({
      drifting: false,
      worst: { hours: 3, live: 3, backtest: 2, ratio: 1.5 },
    });
  });
});
