/**
 * GET /api/episodes: a period's saturation episodes, found in the raw history (lib/episodes/sql.ts)
 * with the rollups' own rules (lib/episodes/episodes.ts). The history is read a day at a time, and
 * only the longest episodes are kept, so a long period costs time, not memory.
 */
import { cellToParent, getResolution } from 'h3-js';
import { EpisodeReplay, clipRun } from './episodes';
import { EpisodeTally } from './tally';
import { isoTime, localDayWindow, type TimeWindow } from '@/lib/calendar';
import { STORED_RESOLUTION } from '@/lib/hotspots/types';
import type { EpisodesQuery, EpisodesResponse } from './schemas';
import { getConfig } from '@/lib/config';
import { getDatabase, type Db } from '@/db/client';
import { episodeChunk, episodePollSpan, episodeStations, statusesAt, type EpisodePollSpan, type EpisodeStation } from './sql';
import { readSystemState } from '@/lib/systems/readState';
import { csvField } from '@/lib/export/csvField';

const DAY = 86_400;

function stationsInside(stations: EpisodeStation[], cell: string | undefined): EpisodeStation[] {
  if (cell === undefined) return stations;
  const resolution = getResolution(cell);
  return stations.filter((s) => (resolution === STORED_RESOLUTION ? s.h3 : cellToParent(s.h3, resolution)) === cell);
}

/** The period's local days as instants: from the first day's midnight to the one after the last day. */
function periodWindow(query: EpisodesQuery, timeZone: string): TimeWindow {
  return { start: localDayWindow(query.start, 0, 24, timeZone).start, end: localDayWindow(query.end, 0, 24, timeZone).end };
}

interface Reading {
  systemId: string;
  window: TimeWindow;
  span: EpisodePollSpan;
  /** null: every station. */
  stationIds: string[] | null;
  maxGapSeconds: number;
}

async function tallyEpisodes(db: Db, query: EpisodesQuery, { systemId, window, span, stationIds, maxGapSeconds }: Reading) {
  const tally = new EpisodeTally(query.limit);
  const replay = new EpisodeReplay(query.kind, maxGapSeconds, (run) => {
    const episode = clipRun(run, window);
    if (episode) tally.add(episode);
  });
  replay.replay({ pollTimes: [span.first], statuses: await statusesAt(db, systemId, span.first, stationIds) });
  for (let from = span.first; from < span.last; from += DAY) {
    replay.replay(await episodeChunk(db, systemId, from, Math.min(from + DAY, span.last), stationIds));
  }
  replay.finish(span.newest);
  return tally;
}

export async function getEpisodes(query: EpisodesQuery): Promise<EpisodesResponse> {
  const { db } = await getDatabase();
  const { system } = await readSystemState(db, query.system);
  const window = periodWindow(query, system.timezone);
  const stations = stationsInside(await episodeStations(db, system.id), query.h3);
  const byId = new Map(stations.map((s) => [s.stationId, s]));
  const span = await episodePollSpan(db, system.id, window.start, window.end);
  const stationIds = query.h3 === undefined ? null : stations.map((s) => s.stationId);
  const maxGapSeconds = getConfig().MAX_GAP_SECONDS;
  const tally =
    span && stationIds?.length !== 0
      ? await tallyEpisodes(db, query, { systemId: system.id, window, span, stationIds, maxGapSeconds })
      : new EpisodeTally(query.limit);
  const coverage = span && { from: Math.max(window.start, span.first), to: Math.min(window.end, span.last) };
  const describe = (stationId: string) => byId.get(stationId) ?? { stationId, name: stationId, h3: '' };

  return {
    system: system.id,
    timezone: system.timezone,
    start: query.start,
    end: query.end,
    kind: query.kind,
    h3: query.h3 ?? null,
    window: { start: isoTime(window.start), end: isoTime(window.end) },
    newestPoll: isoTime(span?.newest ?? null),
    coverage: coverage && coverage.to > coverage.from ? { from: isoTime(coverage.from), to: isoTime(coverage.to) } : null,
    maxGapSeconds,
    stations: tally.stations().map(({ stationId, ...figures }) => ({ id: stationId, name: describe(stationId).name, h3: describe(stationId).h3, ...figures })),
    totalEpisodes: tally.count,
    episodes: tally.longest().map((e) => ({
      stationId: e.stationId,
      name: describe(e.stationId).name,
      h3: describe(e.stationId).h3,
      kind: query.kind,
      start: isoTime(e.start),
      end: isoTime(e.end),
      durationSeconds: e.durationSeconds,
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
