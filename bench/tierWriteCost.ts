/**
 * What each tier costs a poll: the credit of a minute after the newest stored poll, from the
 * stations' current states, written to the hourly rollups and then to the daily tier, each
 * timed, inside a transaction that is rolled back (the history stays as it was).
 */
import type { Db } from '@/db/client';
import { addToDailyRollups } from '@/lib/hotspots/storeDaily';
import { newestFeedTime, loadStates } from '@/lib/ingest/sql';
import { addToRollups } from '@/lib/hotspots/storeHourly';
import { creditPoll } from '@/lib/hotspots/credit';
import { creditByDay, slotFigures } from '@/lib/hotspots/dailySlots';
import { BENCH_SYSTEM, MAX_GAP, TIME_ZONE } from './timeline';
import { median, ms, timed } from './timing';

class RolledBack extends Error {}

export interface TierWriteCost {
  rows: number;
  hourlyMs: number;
  dailyMs: number;
}

export async function tierWriteCost(db: Db, trials: number): Promise<TierWriteCost> {
  const hourly: number[] = [];
  const daily: number[] = [];
  let rows = 0;
  for (let trial = 0; trial <= trials; trial++) {
    try {
      await db.transaction(async (tx) => {
        const t0 = (await newestFeedTime(tx, BENCH_SYSTEM))!;
        const credit = creditPoll((await loadStates(tx, BENCH_SYSTEM)).values(), t0, t0 + 60, TIME_ZONE, MAX_GAP);
        const [hourlyMs] = await timed(() => addToRollups(tx, BENCH_SYSTEM, credit));
        const [dailyMs] = await timed(() => addToDailyRollups(tx, BENCH_SYSTEM, creditByDay(slotFigures(credit, TIME_ZONE))));
        // The first trial warms plans and caches.
        if (trial > 0) {
          hourly.push(hourlyMs);
          daily.push(dailyMs);
        }
        rows = credit.length;
        throw new RolledBack();
      });
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
  }
  return { rows, hourlyMs: ms(median(hourly)), dailyMs: ms(median(daily)) };
}
