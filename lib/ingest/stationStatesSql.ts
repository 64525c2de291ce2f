/** Each station's state as of the newest poll (station_state) and the raw status history (station_status). */
import { sql } from 'drizzle-orm';
import type { PolledState } from '@/lib/hotspots/types';
import type { StateChanges } from '@/lib/hotspots/stationStates';
import { queryRows, type Executor } from '../../db/rows';
import { unnestRows, type UnnestColumn } from '../../db/unnestRows';

export async function loadStates(tx: Executor, systemId: string): Promise<Map<string, PolledState>> {
  const rows = await queryRows<PolledState>(
    tx,
    sql`select station_id as "stationId", h3, present, is_installed as installed, is_renting as renting,
          is_returning as returning, bikes, docks, ebikes, mechanical,
          extract(epoch from last_reported)::float8 as "lastReported"
        from station_state where system_id = ${systemId}`,
  );
  return new Map(rows.map((r) => [r.stationId, r]));
}

const STATE_SOURCE: UnnestColumn<PolledState>[] = [
  { name: 'station_id', type: 'text', value: (r) => r.stationId },
  { name: 'h3', type: 'text', value: (r) => r.h3 },
  { name: 'present', type: 'boolean', value: (r) => r.present },
  { name: 'is_installed', type: 'boolean', value: (r) => r.installed },
  { name: 'is_renting', type: 'boolean', value: (r) => r.renting },
  { name: 'is_returning', type: 'boolean', value: (r) => r.returning },
  { name: 'bikes', type: 'int', value: (r) => r.bikes },
  { name: 'docks', type: 'int', value: (r) => r.docks },
  { name: 'ebikes', type: 'int', value: (r) => r.ebikes },
  { name: 'mechanical', type: 'int', value: (r) => r.mechanical },
  { name: 'last_reported', type: 'float8', value: (r) => r.lastReported },
];

/**
 * The changed states and, among them, the changed statuses, in one statement that carries the
 * rows once: a state whose status is unchanged differs only by its cell (the station moved).
 */
export async function storeStates(tx: Executor, systemId: string, feedTime: number, changes: StateChanges): Promise<void> {
  if (changes.changedState.length === 0) return;
  const statusChanged = new Set(changes.changedStatus);
  const rows = unnestRows(changes.changedState, [
    ...STATE_SOURCE,
    { name: 'status_changed', type: 'boolean', value: (r) => statusChanged.has(r) },
  ]);
  await tx.execute(sql`
    with r as materialized (select * from ${rows}),
      statuses as (
        insert into station_status (system_id, station_id, feed_time, present, is_installed, is_renting, is_returning, bikes,
          docks, ebikes, mechanical, last_reported)
        select ${systemId}, r.station_id, to_timestamp(${feedTime}), r.present, r.is_installed, r.is_renting, r.is_returning,
          r.bikes, r.docks, r.ebikes, r.mechanical, to_timestamp(r.last_reported)
        from r where r.status_changed)
    insert into station_state (system_id, station_id, h3, present, is_installed, is_renting, is_returning, bikes,
      docks, ebikes, mechanical, last_reported)
    select ${systemId}, r.station_id, r.h3, r.present, r.is_installed, r.is_renting, r.is_returning, r.bikes, r.docks,
      r.ebikes, r.mechanical, to_timestamp(r.last_reported)
    from r
    on conflict (system_id, station_id) do update set
      h3 = excluded.h3, present = excluded.present, is_installed = excluded.is_installed,
      is_renting = excluded.is_renting, is_returning = excluded.is_returning, bikes = excluded.bikes, docks = excluded.docks, ebikes = excluded.ebikes,
      mechanical = excluded.mechanical, last_reported = excluded.last_reported`);
}
