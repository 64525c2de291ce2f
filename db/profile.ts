/** The integrals of a period per station, cell, local weekday and local hour: the rows of a typical week. */
import { sql } from 'drizzle-orm';
import type { WindowFigures } from '@/lib/hotspots/types';
import type { Db } from './client';
import { figureSums } from './readQueries';
import { queryRows } from './rows';

export interface WeekHourFigures extends WindowFigures {
  /** ISO weekday of the local day, 1 = Monday. */
  weekday: number;
  /** Local hour 0-23 (the fall-back day's two 02:00 hours are both 2). */
  hour: number;
}

export async function weekHourFigures(db: Db, systemId: string, timezone: string, start: number, end: number, cells?: string[]): Promise<WeekHourFigures[]> {
  const inCells = cells ? sql`and h3 in (select json_array_elements_text(${JSON.stringify(cells)}::json))` : sql``;
  return queryRows<WeekHourFigures>(
    db,
    sql`select extract(isodow from hour_start at time zone ${timezone})::int as weekday,
               extract(hour from hour_start at time zone ${timezone})::int as hour,
               station_id as "stationId", h3, ${figureSums}
        from station_hourly
        where system_id = ${systemId} and hour_start >= to_timestamp(${start}) and hour_start < to_timestamp(${end}) ${inCells}
        group by 1, 2, station_id, h3`,
  );
}
