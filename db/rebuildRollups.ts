/**
 * Recomputes a system's hourly rollups from the stored polls, station versions and raw statuses,
 * replaying them through the same crediting code the polls use. The result must equal what the
 * polls built incrementally (tested).
 */
import { sql } from 'drizzle-orm';
import { addFigures, creditPoll } from '@/lib/hotspots/credit';
import { localHourStart, nextLocalHourStart } from '@/lib/hotspots/localTime';
import type { HourlyFigures, StationState } from '@/lib/hotspots/types';
import type { Db } from './client';
import { queryRows, type Executor } from './rows';
import { HOURLY_COLUMNS, hourlyValues } from './hourlyRows';
import { lockSystemForWriting } from './systemLock';

interface StatusEvent {
  station_id: string;
  t: number;
  present: boolean;
  is_installed: boolean;
  bikes: number;
  docks: number;
  ebikes: number | null;
  mechanical: number | null;
}

const FLUSH_ROWS = 20_000;

async function insertFigures(tx: Executor, systemId: string, figures: Map<string, HourlyFigures>) {
  const rows = [...figures.values()];
  for (let i = 0; i < rows.length; i += FLUSH_ROWS) {
    await tx.execute(sql`insert into station_hourly (${HOURLY_COLUMNS}) ${hourlyValues(systemId, rows.slice(i, i + FLUSH_ROWS))}`);
  }
}

const DAY = 86_400;

/** The hours a replay has moved past for good: every later interval starts after them. */
function takeFinishedHours(pending: Map<string, HourlyFigures>, before: number): Map<string, HourlyFigures> {
  const finished = new Map<string, HourlyFigures>();
  for (const [key, row] of pending) {
    if (row.hourStart + 2 * 3600 <= before) {
      finished.set(key, row);
      pending.delete(key);
    }
  }
  return finished;
}

export async function rebuildRollups(db: Db, systemId: string, maxGapSeconds: number): Promise<{ polls: number; rows: number }> {
  return db.transaction(async (tx) => {
    await lockSystemForWriting(tx, systemId);
    const [system] = await queryRows<{ timezone: string }>(tx, sql`select timezone from systems where id = ${systemId}`);
    if (!system) return { polls: 0, rows: 0 };
    const [range] = await queryRows<{ first: number | null; last: number | null; earliest: number | null }>(
      tx,
      sql`select extract(epoch from min(feed_time))::float8 as first, extract(epoch from max(feed_time))::float8 as last,
            extract(epoch from least(min(feed_time),
              (select min(feed_time) from station_status where system_id = ${systemId}),
              (select min(valid_from) from station_versions where system_id = ${systemId})))::float8 as earliest
          from polls where system_id = ${systemId}`,
    );
    if (range.first === null || range.last === null || range.earliest === null) return { polls: 0, rows: 0 };
    // Pruned raw history leaves the hour of the oldest kept poll partly credited by polls that are
    // gone: rebuild from the first whole local hour at or after that poll and keep what is before.
    const boundary = localHourStart(range.first, system.timezone) === range.first ? range.first : nextLocalHourStart(range.first, system.timezone);
    await tx.execute(sql`delete from station_hourly where system_id = ${systemId} and hour_start >= to_timestamp(${boundary})`);

    const states = new Map<string, StationState>();
    const cells = new Map<string, string>();
    const pending = new Map<string, HourlyFigures>();
    let polls = 0;
    let written = 0;
    let previous: number | null = null;
    // A day of history at a time keeps memory bounded however long the history is.
    // States older than the oldest kept poll (kept by pruning) seed the replay at that poll.
    for (let from = range.earliest - 1; from < range.last; from += DAY) {
      const to = Math.min(from + DAY, range.last);
      const inChunk = (column: string) =>
        sql`${sql.identifier(column)} > to_timestamp(${from}) and ${sql.identifier(column)} <= to_timestamp(${to})`;
      const pollTimes = await queryRows<{ t: number }>(
        tx,
        sql`select extract(epoch from feed_time)::float8 as t from polls where system_id = ${systemId} and ${inChunk('feed_time')} order by feed_time`,
      );
      const versions = await queryRows<{ station_id: string; t: number; h3: string }>(
        tx,
        sql`select station_id, extract(epoch from valid_from)::float8 as t, h3 from station_versions
            where system_id = ${systemId} and ${inChunk('valid_from')} order by valid_from`,
      );
      const statuses = await queryRows<StatusEvent>(
        tx,
        sql`select station_id, extract(epoch from feed_time)::float8 as t, present, is_installed, bikes, docks, ebikes, mechanical
            from station_status where system_id = ${systemId} and ${inChunk('feed_time')} order by feed_time`,
      );
      let v = 0;
      let s = 0;
      /** Applies the descriptions and statuses stored at or before `until`. */
      const applyUntil = (until: number) => {
        for (; v < versions.length && versions[v].t <= until; v++) {
          cells.set(versions[v].station_id, versions[v].h3);
          const state = states.get(versions[v].station_id);
          if (state) state.h3 = versions[v].h3;
        }
        for (; s < statuses.length && statuses[s].t <= until; s++) {
          const e = statuses[s];
          states.set(e.station_id, {
            stationId: e.station_id,
            h3: cells.get(e.station_id) ?? '',
            present: e.present,
            installed: e.is_installed,
            bikes: e.bikes,
            docks: e.docks,
            ebikes: e.ebikes,
            mechanical: e.mechanical,
          });
        }
      };
      for (const { t } of pollTimes) {
        if (previous !== null) {
          for (const row of creditPoll(states.values(), previous, t, system.timezone, maxGapSeconds)) {
            if (row.hourStart < boundary) continue;
            const key = `${row.hourStart}|${row.stationId}|${row.h3}`;
            const before = pending.get(key);
            pending.set(key, before ? addFigures(before, row) : row);
          }
        }
        applyUntil(t);
        previous = t;
        polls++;
      }
      // Rows kept by pruning have no poll of their own any more: they are the states at the cut.
      applyUntil(to);
      if (previous !== null) {
        const finished = takeFinishedHours(pending, previous);
        await insertFigures(tx, systemId, finished);
        written += finished.size;
      }
    }
    await insertFigures(tx, systemId, pending);
    written += pending.size;
    return { polls, rows: written };
  });
}
