import { sql } from 'drizzle-orm';
import type { HourlyFigures } from '@/lib/hotspots/types';
import { unnestRows, type UnnestColumn } from './unnestRows';

const HOURLY_SOURCE: UnnestColumn<HourlyFigures>[] = [
  { name: 'hour_start', type: 'bigint', value: (f) => f.hourStart },
  { name: 'station_id', type: 'text', value: (f) => f.stationId },
  { name: 'h3', type: 'text', value: (f) => f.h3 },
  { name: 'observed_s', type: 'float8', value: (f) => f.observedS },
  { name: 'bike_s', type: 'float8', value: (f) => f.bikeS },
  { name: 'typed_s', type: 'float8', value: (f) => f.typedS },
  { name: 'ebike_s', type: 'float8', value: (f) => f.ebikeS },
  { name: 'mechanical_s', type: 'float8', value: (f) => f.mechanicalS },
  { name: 'dock_s', type: 'float8', value: (f) => f.dockS },
  { name: 'full_s', type: 'float8', value: (f) => f.fullS },
  { name: 'empty_s', type: 'float8', value: (f) => f.emptyS },
];

/** station_hourly rows of `systemId` from HourlyFigures, ready for `insert into station_hourly (…) <this>`. */
export function hourlyValues(systemId: string, figures: readonly HourlyFigures[]) {
  return sql`
    select ${systemId}, to_timestamp(r.hour_start), r.station_id, r.h3, r.observed_s, r.bike_s, r.typed_s,
      r.ebike_s, r.mechanical_s, r.dock_s, r.full_s, r.empty_s
    from ${unnestRows(figures, HOURLY_SOURCE)}`;
}

export const HOURLY_COLUMNS = sql.raw(
  'system_id, hour_start, station_id, h3, observed_s, bike_s, typed_s, ebike_s, mechanical_s, dock_s, full_s, empty_s',
);
