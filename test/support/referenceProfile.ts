/**
 * The typical week as lib/profile/read.ts answered it before the daily tiers: a row per weekday,
 * local hour, station and cell straight from the hourly rollups, into JavaScript, each
 * weekday-hour's stations through hexagonFigures, coverage over the stations seen in the period.
 * What the tiers' answers must equal, metric by metric.
 */
import { sql } from 'drizzle-orm';
import { cellToChildren, getResolution } from 'h3-js';
import type { Db } from '@/db/client';
import { figureSums } from '@/lib/hotspots/sql';
import { queryRows } from '@/db/rows';
import { hexagonFigures } from '@/lib/hotspots/aggregate';
import { localDayWindow } from '@/lib/calendar';
import { STORED_RESOLUTION, type Metric, type WindowFigures } from '@/lib/hotspots/types';
import { secondsPerCell, type WeekProfile } from '@/lib/profile/weekProfile';

interface WeekHourRow extends WindowFigures {
  weekday: number;
  hour: number;
}

export async function referenceWeekProfile(
  db: Db,
  system: { id: string; timezone: string },
  { start, end, metric, h3 }: { start: string; end: string; metric: Metric; h3: string | null },
): Promise<WeekProfile> {
  const { id, timezone } = system;
  const cells = h3 === null ? null : getResolution(h3) === STORED_RESOLUTION ? [h3] : cellToChildren(h3, STORED_RESOLUTION);
  const span = { start: localDayWindow(start, 0, 24, timezone).start, end: localDayWindow(end, 0, 24, timezone).end };
  const rows = await queryRows<WeekHourRow>(
    db,
    sql`select extract(isodow from hour_start at time zone ${timezone})::int as weekday,
               extract(hour from hour_start at time zone ${timezone})::int as hour,
               station_id as "stationId", h3, ${figureSums}
        from station_hourly
        where system_id = ${id} and hour_start >= to_timestamp(${span.start}) and hour_start < to_timestamp(${span.end})
          ${cells ? sql`and h3 in (select json_array_elements_text(${JSON.stringify(cells)}::json))` : sql``}
        group by 1, 2, station_id, h3`,
  );
  const byCell = Array.from({ length: 7 }, () => Array.from({ length: 24 }, (): WindowFigures[] => []));
  const stations = new Set<string>();
  for (const { weekday, hour, ...figures } of rows) {
    byCell[weekday - 1][hour].push(figures);
    if (figures.observedS > 0) stations.add(figures.stationId);
  }
  const seconds = secondsPerCell(start, end, timezone);
  return {
    values: byCell.map((row) => row.map((cell) => (cell.some((f) => f.observedS > 0) ? hexagonFigures(cell)[metric] : null))),
    coverage: byCell.map((row, i) =>
      row.map((cell, j) => {
        const possible = stations.size * seconds[i][j];
        return possible > 0 ? cell.reduce((sum, f) => sum + f.observedS, 0) / possible : 0;
      }),
    ),
  };
}
