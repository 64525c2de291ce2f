/** The stations of a system as last described (the stations table), for the station search. */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { StationDto } from './schemas';

export async function systemStations(db: Db, systemId: string): Promise<StationDto[]> {
  return queryRows<StationDto>(
    db,
    sql`select station_id as id, name, code, lat, lon, capacity from stations
        where system_id = ${systemId}
        order by name, station_id`,
  );
}
