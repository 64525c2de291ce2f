/**
 * The baseline of the daily tier: a period answered from the hourly rollups, as the app did
 * before it (every selected hour's row summed per station and cell; the windows of whole days
 * in a row merged into one range, one index scan).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { figureSums, windowFigures } from '@/lib/hotspots/sql';
import { queryRows } from '@/db/rows';
import type { TimeWindow } from '@/lib/calendar';
import type { WindowFigures } from '@/lib/hotspots/types';

/** Windows that touch joined into one. */
export function mergeWindows(windows: readonly TimeWindow[]): TimeWindow[] {
  const merged: TimeWindow[] = [];
  for (const window of [...windows].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return merged;
}

const rangesTable = (ranges: readonly TimeWindow[]) =>
  sql`(select (r.value->>0)::int as i, (r.value->>1)::float8 as s, (r.value->>2)::float8 as e
       from json_array_elements(${JSON.stringify(ranges.map((r, i) => [i, r.start, r.end]))}::json) as r(value)) as w`;

export async function hourlyPeriodFigures(db: Db, systemId: string, windows: readonly TimeWindow[]): Promise<WindowFigures[]> {
  const ranges = mergeWindows(windows);
  if (ranges.length === 1) return windowFigures(db, systemId, ranges[0].start, ranges[0].end);
  return queryRows<WindowFigures>(
    db,
    sql`select station_id as "stationId", h3, ${figureSums}
        from ${rangesTable(ranges)}
        join station_hourly on system_id = ${systemId} and hour_start >= to_timestamp(w.s) and hour_start < to_timestamp(w.e)
        group by station_id, h3`,
  );
}

/** The indexes of the windows with any observed station time. */
export async function hourlyObservedWindows(db: Db, systemId: string, windows: readonly TimeWindow[]): Promise<number[]> {
  const rows = await queryRows<{ i: number }>(
    db,
    sql`select w.i from ${rangesTable(windows)}
        where exists (select 1 from station_hourly
                      where system_id = ${systemId} and hour_start >= to_timestamp(w.s) and hour_start < to_timestamp(w.e) and observed_s > 0)
        order by w.i`,
  );
  return rows.map((r) => r.i);
}
