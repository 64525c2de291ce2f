/**
 * The daily tiers of a generated history: derived from its hourly rollups by the rebuild's own
 * code (station_daily, then system_daily), timed, analysed as autovacuum would, and measured.
 * Shared by the full history stages and the periods-only run.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { localDaySlot } from '@/lib/hotspots/dailySlots';
import { deriveDailyRollups } from '@/lib/hotspots/rebuildDaily';
import { BENCH_SYSTEM, TIME_ZONE } from './timeline';
import { timed } from './timing';

export interface DailyTierFigures {
  /** station_daily rows, and the time to derive both tiers from the hourly rollups. */
  dailyRows: number;
  dailyDeriveMs: number;
  /** Tables with their indexes, MB. */
  sizes: { hourlyMb: number; dailyMb: number };
}

/** Derives both tiers again from the hour `rollupFrom` on: older days came in under the newer ones, so every slice's totals change. */
export async function deriveDailyTiers(db: Db, rollupFrom: number): Promise<DailyTierFigures> {
  const [dailyDeriveMs] = await timed(async () => {
    await db.transaction((tx) => deriveDailyRollups(tx, BENCH_SYSTEM, TIME_ZONE, localDaySlot(rollupFrom, TIME_ZONE).day));
    await db.execute(sql`analyze station_daily`);
    await db.execute(sql`analyze system_daily`);
  });
  const [{ dailyRows, hourlyMb, dailyMb }] = await queryRows<{ dailyRows: number; hourlyMb: number; dailyMb: number }>(
    db,
    sql`select (select count(*)::int from station_daily where system_id = ${BENCH_SYSTEM}) as "dailyRows",
          round(pg_total_relation_size('station_hourly') / 1e6)::int as "hourlyMb", round(pg_total_relation_size('station_daily') / 1e6)::int as "dailyMb"`,
  );
  return { dailyRows, dailyDeriveMs: Math.round(dailyDeriveMs), sizes: { hourlyMb, dailyMb } };
}
