/**
 * Derives a system's daily tiers from its hourly rollups, from a local day on: each day's
 * station_daily slice, then its system_daily row summed from that slice. What a rebuild does
 * after the hourly rows, and what gives a generated history its daily tiers.
 */
import { localDaySlot, slotStarts } from '@/lib/hotspots/dailySlots';
import { addDays, daysInPeriod } from '@/lib/calendar';
import { deleteDailyRollupsFrom, deriveDailyDay, turnOffJitForTransaction } from '@/lib/hotspots/storeDaily';
import { newestRollupHour } from '@/lib/hotspots/storeHourly';
import type { Executor } from '@/db/rows';
import { sql } from 'drizzle-orm';
import { deriveSystemDay } from '@/lib/hotspots/storeSystemDaily';

/** The caller holds the system's write lock, in the transaction `tx`; the days from `fromDay` on are replaced. */
export async function deriveDailyRollups(tx: Executor, systemId: string, timeZone: string, fromDay: string): Promise<void> {
  await turnOffJitForTransaction(tx);
  // Days a poll can no longer change may change here: readers keep those days' answers until this moves.
  await tx.execute(sql`update systems set rollups_rewritten_at = greatest(now(), rollups_rewritten_at + interval '1 microsecond') where id = ${systemId}`);
  await deleteDailyRollupsFrom(tx, systemId, fromDay);
  const newestHour = await newestRollupHour(tx, systemId);
  if (newestHour === null) return;
  const lastDay = localDaySlot(newestHour, timeZone).day;
  // In order: each day continues the running totals of the slice before it. Counted, not
  // compared as strings: the day after 9999-12-31 is written +010000-01-01, which sorts before it.
  const count = daysInPeriod(fromDay, lastDay);
  for (let k = 0, day = fromDay; k < count; k++, day = addDays(day, 1)) {
    await deriveDailyDay(tx, systemId, day, slotStarts(day, timeZone));
    await deriveSystemDay(tx, systemId, day);
  }
}
