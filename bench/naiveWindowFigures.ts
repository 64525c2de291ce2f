/**
 * The naive way to serve a day: the same per-(station, cell) integrals as windowFigures
 * (lib/hotspots/sql.ts), computed at request time from raw statuses, polls and station versions
 * instead of the hourly rollups. It applies the crediting rules of lib/hotspots/credit.ts:
 *
 * - a station's state seen at a poll holds until the next poll, if the two are at most
 *   maxGapSeconds apart; otherwise that interval is unobserved;
 * - a state counts only when the station is present, installed, and has a bike or a dock;
 * - its cell is the one of the station's newest description at that poll.
 *
 * Written to be as cheap as the rules allow. A stored status is a change, so a station's state is
 * constant from one of its status rows to the next one, and what it earns meanwhile is the
 * credited seconds of the polls in between: the difference of a running sum over the window's
 * polls. The cost is one pass over the day's status rows and one index probe per station for its
 * state when the window opens; never a row per station and poll. The window's first and last
 * polls are looked up first, so that the planner sees real bounds instead of guessing, and JIT
 * compilation is off: the query's estimated cost triggers it on a Postgres server, where compiling
 * took longer (~0.6 s) than running the whole query.
 *
 * Window ends fall on local hour boundaries (localDayWindow), so clipping intervals to the window
 * gives exactly the rollup rows whose hour starts inside it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { WindowFigures } from '@/lib/hotspots/types';

interface PollBounds {
  /** The last poll at or before the window's start (else the first after it): its interval opens the window. */
  lo: number | null;
  /** The first poll at or after the window's end (else the newest): its arrival closes the window. */
  hi: number | null;
}

async function pollBounds(db: Db, systemId: string, start: number, end: number): Promise<PollBounds> {
  const newest = (condition: SQL) =>
    sql`(select extract(epoch from max(feed_time))::float8 from polls where system_id = ${systemId} and ${condition})`;
  const oldest = (condition: SQL) =>
    sql`(select extract(epoch from min(feed_time))::float8 from polls where system_id = ${systemId} and ${condition})`;
  const [row] = await queryRows<PollBounds>(
    db,
    sql`select coalesce(${newest(sql`feed_time <= to_timestamp(${start})`)}, ${oldest(sql`feed_time >= to_timestamp(${start})`)}) as lo,
               coalesce(${oldest(sql`feed_time >= to_timestamp(${end})`)}, ${newest(sql`true`)}) as hi`,
  );
  return row;
}

export async function naiveWindowFigures(db: Db, systemId: string, start: number, end: number, maxGapSeconds: number): Promise<WindowFigures[]> {
  const { lo, hi } = await pollBounds(db, systemId, start, end);
  if (lo === null || hi === null || lo >= hi) return [];
  const [windowStart, windowEnd, first, last] = [start, end, lo, hi].map((t) => sql`to_timestamp(${t})`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return queryRows<WindowFigures>(
      tx,
      sql`
  with
    -- Credited seconds of the window before each poll: a state held from poll a to poll b earns running(b) - running(a).
    running as materialized (
      select t, (sum(seconds) over (order by t) - seconds)::float8 as before
      from (
        select t, case when extract(epoch from next_t - t) <= ${maxGapSeconds}
                       then greatest(0, extract(epoch from least(next_t, ${windowEnd}) - greatest(t, ${windowStart})))
                       else 0 end as seconds
        from (
          select feed_time as t, lead(feed_time) over (order by feed_time) as next_t
          from polls where system_id = ${systemId} and feed_time >= ${first} and feed_time <= ${last}
        ) clock
      ) credited
    ),
    -- Each station's cells over the window: the description in force at its first poll, then every change.
    cells as materialized (
      select st.station_id, v.valid_from, v.until, v.h3
      from stations st
      cross join lateral (
        select sv.valid_from, lead(sv.valid_from, 1, ${last}) over (order by sv.valid_from) as until, sv.h3
        from station_versions sv
        where sv.system_id = st.system_id and sv.station_id = st.station_id and sv.valid_from < ${last}
          and sv.valid_from >= coalesce((select max(o.valid_from) from station_versions o
                                         where o.system_id = st.system_id and o.station_id = st.station_id and o.valid_from <= ${first}), ${first})
      ) v
      where st.system_id = ${systemId}
    ),
    -- The moments a station's credited state can change: the window's first poll, its status changes, its moves.
    events as (
      select st.station_id, ${first} as t, o.present, o.is_installed, o.bikes, o.docks, o.ebikes, o.mechanical
      from stations st
      cross join lateral (
        select * from station_status ss
        where ss.system_id = st.system_id and ss.station_id = st.station_id and ss.feed_time <= ${first}
        order by ss.feed_time desc limit 1
      ) o
      where st.system_id = ${systemId}
      union all
      select station_id, feed_time, present, is_installed, bikes, docks, ebikes, mechanical
      from station_status where system_id = ${systemId} and feed_time > ${first} and feed_time < ${last}
      union all
      select c.station_id, c.valid_from, o.present, o.is_installed, o.bikes, o.docks, o.ebikes, o.mechanical
      from cells c
      cross join lateral (
        select * from station_status ss
        where ss.system_id = ${systemId} and ss.station_id = c.station_id and ss.feed_time <= c.valid_from
        order by ss.feed_time desc limit 1
      ) o
      where c.valid_from > ${first}
    ),
    earned as (
      select e.*, c.h3,
        lead(r.before, 1, (select before from running where t = ${last})) over (partition by e.station_id order by e.t) - r.before as seconds
      from events e
      join running r on r.t = e.t
      join cells c on c.station_id = e.station_id and c.valid_from <= e.t and e.t < c.until
    )
  select station_id as "stationId", h3,
    sum(seconds)::float8 as "observedS",
    sum(bikes * seconds)::float8 as "bikeS",
    sum(case when ebikes is not null and mechanical is not null then seconds else 0 end)::float8 as "typedS",
    sum(case when ebikes is not null and mechanical is not null then ebikes * seconds else 0 end)::float8 as "ebikeS",
    sum(case when ebikes is not null and mechanical is not null then mechanical * seconds else 0 end)::float8 as "mechanicalS",
    sum(docks * seconds)::float8 as "dockS",
    sum(case when docks = 0 then seconds else 0 end)::float8 as "fullS",
    sum(case when bikes = 0 then seconds else 0 end)::float8 as "emptyS"
  from earned
  where present and is_installed and bikes + docks <> 0
  group by station_id, h3
  having sum(seconds) > 0`,
    );
  });
}
