/**
 * The system tier (system_daily, db/schema.ts): station_daily summed over a system's stations,
 * a row per local day, so that a typical week of occupancy, full or empty reads 14 rows instead
 * of 14 slices of every station. Kept equal to the sum of its day's station_daily slice: the poll
 * adds the same credits (lib/hotspots/storeDaily.ts calls it beside each station round and day start);
 * the rebuild sums the slice it has just derived. Sums are of whole seconds and bike-seconds,
 * exact in float8 whatever the order, so both ways give the same numbers bit for bit.
 */
import { sql } from 'drizzle-orm';
import { SLOTS_PER_DAY, type SlotFigures } from '@/lib/hotspots/dailySlots';
import { DAILY_INTEGRALS, SYSTEM_DAILY_COLUMNS, eachIntegral, figureKey } from './dailySql';
import type { Executor } from '../../db/rows';
import { arrayLiteral } from '../../db/unnestRows';

/** A day's credits summed over its stations and cells: per integral, the day's total and its 24 slots. */
function summedOverStations(rounds: readonly (readonly SlotFigures[])[]) {
  const totals = DAILY_INTEGRALS.map(() => 0);
  const slots = DAILY_INTEGRALS.map(() => Array<number>(SLOTS_PER_DAY).fill(0));
  for (const credit of rounds.flat()) {
    DAILY_INTEGRALS.forEach((integral, i) => {
      const value = credit[figureKey(integral)];
      totals[i] += value;
      slots[i][credit.slot] += value;
    });
  }
  return { totals, slots };
}

/**
 * Adds a day's credits to its system row, slot by slot; the row's first credit, on the system's
 * first day (any later day was started from the day before), makes it. One statement a day: the
 * slots are added as whole arrays, so a poll crossing an hour needs no second round.
 */
export async function addToSystemDay(tx: Executor, systemId: string, day: string, rounds: readonly (readonly SlotFigures[])[]): Promise<void> {
  const { totals, slots } = summedOverStations(rounds);
  const addedSlots = slots.map((values) => sql`${arrayLiteral(values, 'float8')}::float8[]`);
  await tx.execute(sql`
    insert into system_daily (${SYSTEM_DAILY_COLUMNS})
    values (${systemId}, ${day}::date, ${sql.join(totals.map((total) => sql`${total}::float8`), sql`, `)}, ${sql.join(addedSlots, sql`, `)})
    on conflict (system_id, local_day) do update set
      ${eachIntegral(
        (i) =>
          `${i}_to_date = system_daily.${i}_to_date + excluded.${i}_to_date, ` +
          `${i}_weekday_slots = (select array_agg(kept + added order by k) ` +
          `from unnest(system_daily.${i}_weekday_slots, excluded.${i}_weekday_slots) with ordinality as u(kept, added, k))`,
      )}`);
}

/** `day`'s system row as the sum of its station_daily slice (written first); none when the slice is empty. */
export async function deriveSystemDay(tx: Executor, systemId: string, day: string): Promise<void> {
  await tx.execute(sql`
    with slice as (select * from station_daily where system_id = ${systemId} and local_day = ${day}::date),
    per_slot as (
      select k, ${eachIntegral((i) => `sum(s.${i}_weekday_slots[k]) as ${i}_slot`)}
      from slice s cross join generate_series(1, ${SLOTS_PER_DAY}) as k
      group by k)
    insert into system_daily (${SYSTEM_DAILY_COLUMNS})
    select ${systemId}, ${day}::date, t.*, a.*
    from (select ${eachIntegral((i) => `sum(${i}_to_date)`)} from slice) t,
      (select ${eachIntegral((i) => `array_agg(${i}_slot order by k)`)} from per_slot) a
    where exists (select 1 from slice)`);
}
