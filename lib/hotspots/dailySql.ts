/**
 * SQL of the daily tier (station_daily, db/schema.ts): its columns, and the slices whose
 * differences give a period's sums. A slice is a system's rows of one local day; every day from
 * the first to the newest has one, so the slice of any day in that span is where a period needs it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { WindowFigures } from '@/lib/hotspots/types';
import { SLOTS_PER_DAY } from '@/lib/hotspots/dailySlots';
import { weekdaysIn } from '@/lib/calendar';
import { arrayLiteral } from '../../db/unnestRows';

/** Each integral is `<name>_to_date` and `<name>_weekday_slots` in station_daily, `<name>_s` in station_hourly. */
export const DAILY_INTEGRALS = ['observed', 'bike', 'typed', 'ebike', 'mechanical', 'dock', 'full', 'empty'] as const;
export type DailyIntegral = (typeof DAILY_INTEGRALS)[number];

export const figureKey = (integral: DailyIntegral) => `${integral}S` as keyof Omit<WindowFigures, 'stationId' | 'h3'>;

/** `f(integral)` for every integral, comma-separated; only ever given the names above, never input. */
export const eachIntegral = (f: (integral: DailyIntegral) => string) => sql.raw(DAILY_INTEGRALS.map(f).join(', '));

const INTEGRAL_COLUMNS = [...DAILY_INTEGRALS.map((i) => `${i}_to_date`), ...DAILY_INTEGRALS.map((i) => `${i}_weekday_slots`)];
export const DAILY_COLUMNS = sql.raw(['system_id', 'local_day', 'station_id', 'h3', ...INTEGRAL_COLUMNS].join(', '));
/** system_daily's: station_daily's summed over the stations, so without station_id and h3. */
export const SYSTEM_DAILY_COLUMNS = sql.raw(['system_id', 'local_day', ...INTEGRAL_COLUMNS].join(', '));

export const EMPTY_SLOTS = `array_fill(0::float8, array[${SLOTS_PER_DAY}])`;

/** A period question: local days start..end (included) of the listed ISO weekdays, local hours from..to of each. */
export interface PeriodSelection {
  start: string;
  end: string;
  weekdays: readonly number[];
  from: number;
  to: number;
}

export const isWholeDays = ({ from, to }: PeriodSelection) => from === 0 && to === SLOTS_PER_DAY;
/** Whether the weekdays leave out none of the period's days (a weekend of Saturdays and Sundays does not). */
export const isEveryDay = ({ start, end, weekdays }: PeriodSelection) =>
  weekdaysIn(start, end, weekdays).length === weekdaysIn(start, end, [1, 2, 3, 4, 5, 6, 7]).length;

/**
 * `column[from+1] + … + column[to]`: slots from..to-1 of an array column (Postgres counts from 1),
 * each read in place, cheaper than unnesting a slice. Checked, as it is written into the statement.
 */
export function slotSum(column: string, { from, to }: Pick<PeriodSelection, 'from' | 'to'>): string {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from >= to || to > SLOTS_PER_DAY) {
    throw new RangeError(`hours must be whole, 0 <= from < to <= ${SLOTS_PER_DAY}: got ${from}..${to}`);
  }
  return `(${Array.from({ length: to - from }, (_, k) => `${column}[${from + k + 1}]`).join(' + ')})`;
}

const dayBounds = (systemId: string) =>
  sql`(select min(local_day) as first, max(local_day) as last from station_daily where system_id = ${systemId}) b`;

/**
 * (sign, day): the days start..end sum to the totals to date of the last of them (or of the
 * system's newest day, if earlier) minus those of the day before them; a day before the
 * system's first has nothing to subtract.
 */
export const runSlices = (systemId: string, { start, end }: PeriodSelection): SQL => sql`
  select x.sign, x.day from ${dayBounds(systemId)}
  cross join lateral (values (1::float8, least(${end}::date, b.last)), (-1::float8, least(${start}::date - 1, b.last))) as x(sign, day)
  where x.day >= b.first`;

/**
 * (weekday, sign, day): per weekday of the period, the weekday slots of its last day in the
 * period minus those of its last day before it (both at most the system's newest day; after it,
 * both are the same day, which cancels).
 */
export const weekdaySlices = (systemId: string, { start, end, weekdays }: Pick<PeriodSelection, 'start' | 'end' | 'weekdays'>): SQL => sql`
  select w.weekday, x.sign, x.upto - (extract(isodow from x.upto)::int - w.weekday + 7) % 7 as day
  from ${dayBounds(systemId)}
  cross join unnest(${arrayLiteral(weekdaysIn(start, end, weekdays), 'int')}::int[]) as w(weekday)
  cross join lateral (values (1::float8, least(${end}::date, b.last)), (-1::float8, least(${start}::date - 1, b.last))) as x(sign, upto)
  where x.upto - (extract(isodow from x.upto)::int - w.weekday + 7) % 7 >= b.first`;

/**
 * The rows of each listed slice (`slices` has a `day` column), each slice read through the
 * primary key. `offset 0` keeps the lookup per slice: flattened, the planner may hash-join the
 * slices against a scan of the whole table.
 */
export const sliceRows = (systemId: string, slices: SQL): SQL => sql`
  (${slices}) e cross join lateral (select * from station_daily d where d.system_id = ${systemId} and d.local_day = e.day offset 0) d`;
