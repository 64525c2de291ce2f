/**
 * GET /api/episodes: a period's saturation episodes, read from station_episodes (kept as the polls
 * arrive, lib/episodes/storeEpisodes.ts): the runs overlapping the period, cut to it, summed per
 * station and the longest kept, all in SQL (lib/episodes/sql.ts).
 */
import { cellToParent, getResolution } from 'h3-js';
import { isoTime, localDayWindow, type TimeWindow } from '@/lib/calendar';
import { STORED_RESOLUTION } from '@/lib/hotspots/types';
import type { EpisodesQuery, EpisodesResponse } from './schemas';
import { getConfig } from '@/lib/config';
import { getDatabase, type Db } from '@/db/client';
import { episodeBounds, periodEpisodes, stationCells, type EpisodeStation, type PeriodQuery } from './sql';
import { readSystemState } from '@/lib/systems/readState';
import { csvField } from '@/lib/export/csvField';

function stationsInside(stations: EpisodeStation[], cell: string | undefined): EpisodeStation[] {
  if (cell === undefined) return stations;
  const resolution = getResolution(cell);
  return stations.filter((s) => (resolution === STORED_RESOLUTION ? s.h3 : cellToParent(s.h3, resolution)) === cell);
}

/** The period's local days as instants: from the first day's midnight to the one after the last day. */
function periodWindow(query: EpisodesQuery, timeZone: string): TimeWindow {
  return { start: localDayWindow(query.start, 0, 24, timeZone).start, end: localDayWindow(query.end, 0, 24, timeZone).end };
}

export async function getEpisodes(query: EpisodesQuery): Promise<EpisodesResponse> {
  const { db } = await getDatabase();
  return episodesAnswer(db, query);
}

/** The answer of GET /api/episodes from `db`. */
export async function episodesAnswer(db: Db, query: EpisodesQuery): Promise<EpisodesResponse> {
  const { system } = await readSystemState(db, query.system);
  const window = periodWindow(query, system.timezone);
  const stationIds = query.h3 === undefined ? null : stationsInside(await stationCells(db, system.id), query.h3).map((s) => s.stationId);
  const bounds = await episodeBounds(db, system.id);
  const read: PeriodQuery | null = bounds && stationIds?.length !== 0 ? { systemId: system.id, kind: query.kind, window, newest: bounds.newest, stationIds } : null;
  const { stations, longest } = read ? await periodEpisodes(db, read, query.limit) : { stations: [], longest: [] };
  const coverage = bounds && { from: Math.max(window.start, bounds.oldest), to: Math.min(window.end, bounds.newest) };

  return {
    system: system.id,
    timezone: system.timezone,
    start: query.start,
    end: query.end,
    kind: query.kind,
    h3: query.h3 ?? null,
    window: { start: isoTime(window.start), end: isoTime(window.end) },
    newestPoll: isoTime(bounds?.newest ?? null),
    coverage: coverage && coverage.to > coverage.from ? { from: isoTime(coverage.from), to: isoTime(coverage.to) } : null,
    maxGapSeconds: getConfig().MAX_GAP_SECONDS,
    stations: stations.map(({ stationId, name, h3, count, totalSeconds, longestSeconds }) => ({ id: stationId, name: name ?? stationId, h3: h3 ?? '', count, totalSeconds, longestSeconds })),
    totalEpisodes: stations.reduce((n, s) => n + s.count, 0),
    episodes: longest.map((e) => ({
      stationId: e.stationId,
      name: e.name ?? e.stationId,
      h3: e.h3 ?? '',
      kind: query.kind,
      start: isoTime(e.start),
      end: isoTime(e.end),
      durationSeconds: e.end - e.start,
      ongoing: e.ongoing,
      clippedStart: e.clippedStart,
      clippedEnd: e.clippedEnd,
    })),
  };
}

const CSV_COLUMNS = ['id', 'name', 'h3', 'count', 'totalSeconds', 'longestSeconds'] as const;

/** The stations list of an episodes answer as CSV, for spreadsheets. */
export function episodeStationsCsv(response: EpisodesResponse): string {
  const lines = response.stations.map((station) => CSV_COLUMNS.map((column) => csvField(String(station[column]))).join(','));
  return [CSV_COLUMNS.join(','), ...lines].join('\n') + '\n';
}
