import { sql } from 'drizzle-orm';
import type { HourlyFigures } from '@/lib/hotspots/types';
import { asJson } from './rows';

/** station_hourly rows of `systemId` from HourlyFigures, ready for `insert into station_hourly (…) <this>`. */
export function hourlyValues(systemId: string, figures: readonly HourlyFigures[]) {
  return sql`
    select ${systemId}, to_timestamp(r."hourStart"), r."stationId", r.h3, r."observedS", r."bikeS", r."typedS",
      r."ebikeS", r."mechanicalS", r."dockS", r."fullS", r."emptyS"
    from json_to_recordset(${asJson(figures)}::json) as r("hourStart" bigint, "stationId" text, h3 text, "observedS" float8,
      "bikeS" float8, "typedS" float8, "ebikeS" float8, "mechanicalS" float8, "dockS" float8, "fullS" float8, "emptyS" float8)`;
}

export const HOURLY_COLUMNS = sql.raw(
  'system_id, hour_start, station_id, h3, observed_s, bike_s, typed_s, ebike_s, mechanical_s, dock_s, full_s, empty_s',
);
