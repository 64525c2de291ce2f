import { describe, expect, it } from 'vitest';
import { backtest } from './backtest';
import { backtestOnTwoThreads, packHistories, unpackHistories } from './backtestWorkers';
import type { StationHistory } from './types';
import { seededRandom, utcHistory } from '../../test/support/forecastHistories';

/** Noisy stations over five weeks, some hours unobserved, polls seen, unseen (null) and absent. */
function stations(count: number): StationHistory[] {
  const random = seededRandom(7);
  return Array.from({ length: count }, (_, s) => {
    const capacity = 15 + s;
    const hours = utcHistory(
      35 * 24,
      (index, { hour }) => (random() < 0.03 ? null : Math.max(0, Math.min(capacity, 6 + 5 * Math.sin((hour + s) / 4) + 3 * random() + (index % 168 === 0 ? 4 : 0)))),
      () => {
        const r = random();
        return { full: r > 0.9 ? r : 0, empty: r < 0.1 ? 1 - r : 0 };
      },
    );
    return {
      capacity,
      hours: hours.map((entry, index) =>
        s === 0 ? entry : { ...entry, poll: index % 50 === 3 ? null : { bikes: Math.round(entry.meanBikes ?? 0), docks: capacity - Math.round(entry.meanBikes ?? 0), secondsIntoHour: 60 * (index % 7) } },
      ),
    };
  });
}

describe('the backtest on two threads', () => {
  it('moves the histories across unchanged: every figure, unobserved hours, and polls absent, unseen or seen', () => {
    const histories = stations(3);
    expect(unpackHistories(packHistories(histories))).toEqual(histories);
    expect(unpackHistories(packHistories(histories))[0].hours[5]).not.toHaveProperty('poll');
    expect(unpackHistories(packHistories(histories))[1].hours[53].poll).toBeNull();
  });

  it('gives the figures of the backtest on one thread, to the last bit', async () => {
    const histories = stations(6);
    const one = backtest(histories, { days: 5 });
    const two = await backtestOnTwoThreads(histories, { days: 5 }, { onWorkerFailure: 'throw' });
    expect(one.fitPoints).toBeGreaterThan(3);
    expect(two).toStrictEqual(one);
  }, 60_000);
});
