import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/rows';

export interface SystemFreshness {
  systemId: string;
  /** epoch s of the newest stored feed, or null. */
  feedTime: number | null;
  /** epoch s of the end of the newest poll that succeeded (ok or unchanged). */
  lastSuccess: number | null;
  lastStatus: string | null;
}

export async function systemFreshness(db: Db, systemIds: string[]): Promise<SystemFreshness[]> {
  if (systemIds.length === 0) return [];
  const rows = await queryRows<{ system_id: string; feed_time: number | null; last_success: number | null; last_status: string | null }>(
    db,
    sql`select s.id as system_id,
          (select extract(epoch from max(p.feed_time))::float8 from polls p where p.system_id = s.id) as feed_time,
          (select extract(epoch from max(r.finished_at))::float8 from ingest_runs r
             where r.system_id = s.id and r.status in ('ok', 'unchanged')) as last_success,
          (select r.status from ingest_runs r where r.system_id = s.id order by r.started_at desc, r.id desc limit 1) as last_status
        from json_array_elements_text(${JSON.stringify(systemIds)}::json) as s(id)`,
  );
  return rows.map((r) => ({ systemId: r.system_id, feedTime: r.feed_time, lastSuccess: r.last_success, lastStatus: r.last_status }));
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
