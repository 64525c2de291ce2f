/**
 * The typical week computed from the raw polls themselves, in plain code sharing nothing with the
 * app (no rollup, no lib/ helper, the time zone's rules from Intl): what the tiers' answers
 * (lib/profile/read.ts) must equal, metric by metric.
 *
 * A station seen in poll k holds its counts until poll k+1 when the two are at most
 * `maxGapSeconds` apart (an observed station: present, installed, some bike or dock). That time is
 * cut at every UTC half hour, where the local hours of Paris and Kolkata start (checked), and each
 * piece is credited to the local weekday and hour it falls in, per station and cell: a 25-hour
 * day's two 02:00 hours both go to 02:00, a 23-hour day's missing one to nothing. Per weekday-hour,
 * the metric is the map's formula over those sums; coverage is the observed station-seconds over
 * (the stations observed in the period × the seconds that weekday-hour had in the period).
 */
import { cellToParent, getResolution } from 'h3-js';
import type { Metric } from '@/lib/hotspots/types';
import type { WeekProfile } from '@/lib/profile/weekProfile';

export interface RawStation {
  id: string;
  /** Resolution-10 cell the station stands in at this poll. */
  h3: string;
  /** Listed in station_status. */
  present: boolean;
  installed: boolean;
  bikes: number;
  docks: number;
  ebikes: number | null;
  mechanical: number | null;
}

export interface RawPoll {
  /** Epoch seconds of the feed. */
  t: number;
  stations: readonly RawStation[];
}

interface Sums {
  observed: number;
  bike: number;
  dock: number;
  typed: number;
  ebike: number;
  mechanical: number;
  full: number;
  empty: number;
}

const HALF_HOUR = 1800;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

interface LocalSlot {
  /** YYYY-MM-DD of the local day. */
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
}

const slotCache = new Map<string, LocalSlot>();

/** The local day, weekday and hour of the half hour starting at `slotStart` (a multiple of 1800). */
function localSlot(slotStart: number, timezone: string): LocalSlot {
  const key = `${timezone} ${slotStart}`;
  const cached = slotCache.get(key);
  if (cached) return cached;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(new Date(slotStart * 1000))
      .map((p) => [p.type, p.value]),
  );
  // Local hours must start on UTC half hours for the cut above to respect them.
  if (parts.minute !== '00' && parts.minute !== '30') throw new Error(`${timezone}: a local hour does not start on a UTC half hour`);
  const slot = { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[parts.weekday], hour: Number(parts.hour) };
  slotCache.set(key, slot);
  return slot;
}

const grid = <T>(fill: () => T): T[][] => Array.from({ length: 7 }, () => Array.from({ length: 24 }, fill));

/** [start, end] as instants wide enough to hold both local days whatever the zone (±14 h). */
function slotsAround(start: string, end: string): number[] {
  const from = Date.parse(`${start}T00:00:00Z`) / 1000 - 14 * 3600;
  const to = Date.parse(`${end}T00:00:00Z`) / 1000 + 38 * 3600;
  const slots: number[] = [];
  for (let t = from; t < to; t += HALF_HOUR) slots.push(t);
  return slots;
}

/** Seconds of each weekday-hour in the local days start..end: a 25-hour day's 02:00 has 7,200, a 23-hour day's none. */
export function referenceSecondsPerCell(start: string, end: string, timezone: string): number[][] {
  const seconds = grid(() => 0);
  for (const slot of slotsAround(start, end)) {
    const local = localSlot(slot, timezone);
    if (local.date >= start && local.date <= end) seconds[local.weekday - 1][local.hour] += HALF_HOUR;
  }
  return seconds;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

function metricValue(metric: Metric, rows: Sums[]): number | null {
  const total = (field: keyof Sums) => rows.reduce((sum, row) => sum + row[field], 0);
  switch (metric) {
    case 'occupancy':
      return ratio(total('bike'), total('bike') + total('dock'));
    case 'full':
      return ratio(total('full'), total('observed'));
    case 'empty':
      return ratio(total('empty'), total('observed'));
    case 'bikes':
      // Bikes parked on average, station by station (and cell by cell for one that moved), summed.
      return rows.reduce((sum, row) => sum + ratio(row.bike, row.observed), 0);
    case 'ebikes':
    case 'mechanical': {
      const typed = rows.filter((row) => row.typed > 0);
      if (typed.length === 0) return null;
      return typed.reduce((sum, row) => sum + (metric === 'ebikes' ? row.ebike : row.mechanical) / row.typed, 0);
    }
  }
}

export function referenceWeekProfile(
  polls: readonly RawPoll[],
  system: { timezone: string; maxGapSeconds: number },
  { start, end, metric, h3 }: { start: string; end: string; metric: Metric; h3: string | null },
): WeekProfile {
  const { timezone, maxGapSeconds } = system;
  const inHexagon = (cell: string) => h3 === null || (getResolution(h3) === 10 ? cell === h3 : cellToParent(cell, getResolution(h3)) === h3);
  // Per weekday-hour, the sums of each station and cell.
  const cells = grid(() => new Map<string, Sums>());
  const stations = new Set<string>();
  for (let k = 0; k + 1 < polls.length; k++) {
    const [t0, t1] = [polls[k].t, polls[k + 1].t];
    if (t1 <= t0 || t1 - t0 > maxGapSeconds) continue;
    const observed = polls[k].stations.filter((s) => s.present && s.installed && s.bikes + s.docks !== 0 && inHexagon(s.h3));
    for (let from = t0; from < t1; ) {
      const slot = Math.floor(from / HALF_HOUR) * HALF_HOUR;
      const to = Math.min(t1, slot + HALF_HOUR);
      const local = localSlot(slot, timezone);
      if (local.date >= start && local.date <= end) {
        const seconds = to - from;
        for (const s of observed) {
          const key = `${s.id} ${s.h3}`;
          const sums = cells[local.weekday - 1][local.hour].get(key) ?? { observed: 0, bike: 0, dock: 0, typed: 0, ebike: 0, mechanical: 0, full: 0, empty: 0 };
          const typed = s.ebikes !== null && s.mechanical !== null;
          sums.observed += seconds;
          sums.bike += s.bikes * seconds;
          sums.dock += s.docks * seconds;
          sums.typed += typed ? seconds : 0;
          sums.ebike += typed ? s.ebikes! * seconds : 0;
          sums.mechanical += typed ? s.mechanical! * seconds : 0;
          sums.full += s.docks === 0 ? seconds : 0;
          sums.empty += s.bikes === 0 ? seconds : 0;
          cells[local.weekday - 1][local.hour].set(key, sums);
          stations.add(s.id);
        }
      }
      from = to;
    }
  }
  const seconds = referenceSecondsPerCell(start, end, timezone);
  return {
    values: cells.map((row) => row.map((cell) => (cell.size > 0 ? metricValue(metric, [...cell.values()]) : null))),
    coverage: cells.map((row, i) =>
      row.map((cell, j) => {
        const possible = stations.size * seconds[i][j];
        return possible > 0 ? [...cell.values()].reduce((sum, s) => sum + s.observed, 0) / possible : 0;
      }),
    ),
  };
}
