/**
 * The daily tier (station_daily, db/schema.ts; layout in lib/hotspots/dailySlots.ts), and beside
 * it the system's sums (system_daily, lib/hotspots/storeSystemDaily.ts): written in the poll's transaction
 * with the hourly rollups, and derived again from them by a rebuild. Both keep what makes any
 * period two slices per weekday: every day from the first to the newest has a slice, holding
 * every station and cell of the day before, whose totals to date it continues, and whose weekday
 * slots continue those of the same weekday a week before.
 */
import { sql, type SQL } from 'drizzle-orm';
import { SLOTS_PER_DAY, type DayCredit, type SlotFigures } from '@/lib/hotspots/dailySlots';
import { addDays, daysInPeriod } from '@/lib/calendar';
import { DAILY_COLUMNS, DAILY_INTEGRALS, EMPTY_SLOTS, SYSTEM_DAILY_COLUMNS, eachIntegral, figureKey } from './dailySql';
import { queryRows, type Executor } from '../../db/rows';
import { addToSystemDay } from './storeSystemDaily';
import { unnestRows, type UnnestColumn } from '../../db/unnestRows';

export async function newestDailyDay(tx: Executor, systemId: string): Promise<string | null> {
  const [row] = await queryRows<{ day: string | null }>(
    tx,
    sql`select to_char(max(local_day), 'YYYY-MM-DD') as day from station_daily where system_id = ${systemId}`,
  );
  return row.day;
}

/** A daily tier's table, its columns, and the columns that tell its rows of one day apart. */
interface DailyTier {
  table: 'station_daily' | 'system_daily';
  columns: SQL;
  keys: readonly string[];
}
const STATION_TIER: DailyTier = { table: 'station_daily', columns: DAILY_COLUMNS, keys: ['station_id', 'h3'] };
const SYSTEM_TIER: DailyTier = { table: 'system_daily', columns: SYSTEM_DAILY_COLUMNS, keys: [] };

/** The slice of `day` from the day before: every row (station and cell, or the system's one), nothing earned yet. */
async function startDay(tx: Executor, { table, columns, keys }: DailyTier, systemId: string, day: string): Promise<void> {
  // Only the constant names above are written into the statement.
  const name = sql.raw(table);
  const keyColumns = sql.raw(keys.map((k) => `p.${k}, `).join(''));
  const sameKeys = sql.raw(keys.map((k) => ` and w.${k} = p.${k}`).join(''));
  await tx.execute(sql`
    insert into ${name} (${columns})
    select p.system_id, ${day}::date, ${keyColumns}${eachIntegral((i) => `p.${i}_to_date`)},
      ${eachIntegral((i) => `coalesce(w.${i}_weekday_slots, ${EMPTY_SLOTS})`)}
    from ${name} p
    left join ${name} w on w.system_id = p.system_id and w.local_day = ${day}::date - 7${sameKeys}
    where p.system_id = ${systemId} and p.local_day = ${day}::date - 1`);
}

const CREDIT_SOURCE: UnnestColumn<SlotFigures>[] = [
  { name: 'station_id', type: 'text', value: (c) => c.stationId },
  { name: 'h3', type: 'text', value: (c) => c.h3 },
  // Postgres arrays count from 1.
  { name: 'k', type: 'int', value: (c) => c.slot + 1 },
  ...DAILY_INTEGRALS.map((integral): UnnestColumn<SlotFigures> => ({ name: `${integral}_s`, type: 'float8', value: (c) => c[figureKey(integral)] })),
];

/**
 * Adds one round of a day's credits to the slice's rows, and makes rows for the stations and
 * cells it has not: new ones, with no earlier day, so their totals start at this credit.
 */
async function addRound(tx: Executor, systemId: string, day: string, round: readonly SlotFigures[]): Promise<void> {
  await tx.execute(sql`
    with credit as (select * from ${unnestRows(round, CREDIT_SOURCE)}),
    updated as (
      update station_daily d set
        ${eachIntegral((i) => `${i}_weekday_slots[c.k] = d.${i}_weekday_slots[c.k] + c.${i}_s, ${i}_to_date = d.${i}_to_date + c.${i}_s`)}
      from credit c
      where d.system_id = ${systemId} and d.local_day = ${day}::date and d.station_id = c.station_id and d.h3 = c.h3
      returning d.station_id, d.h3)
    insert into station_daily (${DAILY_COLUMNS})
    select ${systemId}, ${day}::date, c.station_id, c.h3, ${eachIntegral((i) => `c.${i}_s`)},
      ${eachIntegral((i) => `array_fill(0::float8, array[c.k - 1]) || c.${i}_s || array_fill(0::float8, array[${SLOTS_PER_DAY} - c.k])`)}
    from credit c
    where not exists (select 1 from updated u where u.station_id = c.station_id and u.h3 = c.h3)`);
}

/**
 * Adds a poll's credits (the ones its hourly rows got) to both daily tiers, the stations' and the
 * system's, oldest day first; polls only ever credit the newest days.
 */
export async function addToDailyRollups(tx: Executor, systemId: string, days: readonly DayCredit[]): Promise<void> {
  if (days.length === 0) return;
  let newest = await newestDailyDay(tx, systemId);
  for (const { day, rounds } of days) {
    // Only a change of the system's time zone could move a credit before the newest day; the
    // days after it would then miss it in their totals. Rebuilding derives every day again.
    if (newest !== null && day < newest) throw new Error(`a credit for ${day}, before the daily tier's newest day ${newest}: run npm run rebuild`);
    // Days without data since the newest slice get theirs too, carried unchanged.
    // Counted, not compared as strings: past 9999-12-31 the next day sorts before the last.
    const daysAfterNewest = newest === null ? 0 : daysInPeriod(newest, day) - 1;
    for (let k = 1; k <= daysAfterNewest; k++) {
      const next = addDays(newest!, k);
      await startDay(tx, STATION_TIER, systemId, next);
      await startDay(tx, SYSTEM_TIER, systemId, next);
    }
    newest = day;
    for (const round of rounds) await addRound(tx, systemId, day, round);
    await addToSystemDay(tx, systemId, day, rounds);
  }
}

/** Both tiers' days from `day` on. */
export async function deleteDailyRollupsFrom(tx: Executor, systemId: string, day: string): Promise<void> {
  await tx.execute(sql`delete from station_daily where system_id = ${systemId} and local_day >= ${day}::date`);
  await tx.execute(sql`delete from system_daily where system_id = ${systemId} and local_day >= ${day}::date`);
}

/**
 * A derivation runs one statement per day, each once: Postgres would JIT-compile every one
 * (~40 ms of ~250 ms a day, measured on Postgres 15). PGlite has no JIT and accepts the setting.
 * Only for the rest of the caller's transaction.
 */
export async function turnOffJitForTransaction(tx: Executor): Promise<void> {
  await tx.execute(sql`set local jit = off`);
}

/**
 * Writes `day`'s slice from its hourly rollups and the slices a day and a week before, as the
 * polls would have (nothing before the first day with data). `slotStarts`: lib/hotspots/
 * dailySlots.ts slotStarts. The caller deleted the slice and derives the days in order.
 */
export async function deriveDailyDay(tx: Executor, systemId: string, day: string, slotStarts: readonly number[]): Promise<void> {
  const hoursOfDay: SQL = sql`system_id = ${systemId} and hour_start >= to_timestamp(${slotStarts[0]}) and hour_start < to_timestamp(${slotStarts[SLOTS_PER_DAY]})`;
  // width_bucket counts the slot starts at or before the hour: the slot lib/hotspots/dailySlots.ts slotAt gives.
  const firstStarts = `{${slotStarts.slice(0, SLOTS_PER_DAY).join(',')}}`;
  // Every station and cell of the day before or with an hour today gets all 24 slots (zeros
  // where it earned nothing), so that each slot is the week's one plus today's and the arrays
  // come out whole, in slot order.
  await tx.execute(sql`
    with hours as (
      select station_id, h3, width_bucket(extract(epoch from hour_start)::float8, ${firstStarts}::float8[]) - 1 as slot,
        ${eachIntegral((i) => `${i}_s`)}
      from station_hourly where ${hoursOfDay}),
    previous as (select * from station_daily where system_id = ${systemId} and local_day = ${day}::date - 1),
    slots as (
      select station_id, h3, slot, ${eachIntegral((i) => `sum(${i}_s) as ${i}_s`)}
      from (
        select * from hours
        union all
        select station_id, h3, k.slot, ${eachIntegral(() => '0')}
        from (select station_id, h3 from hours union select station_id, h3 from previous) s cross join generate_series(0, ${SLOTS_PER_DAY - 1}) as k(slot)
      ) earned
      group by station_id, h3, slot)
    insert into station_daily (${DAILY_COLUMNS})
    select ${systemId}, ${day}::date, s.station_id, s.h3,
      ${eachIntegral((i) => `coalesce(max(p.${i}_to_date), 0) + sum(s.${i}_s)`)},
      ${eachIntegral((i) => `array_agg(coalesce(w.${i}_weekday_slots[s.slot + 1], 0) + s.${i}_s order by s.slot)`)}
    from slots s
    left join previous p on p.station_id = s.station_id and p.h3 = s.h3
    left join station_daily w on w.system_id = ${systemId} and w.local_day = ${day}::date - 7 and w.station_id = s.station_id and w.h3 = s.h3
    group by s.station_id, s.h3`);
}
