/** The stations list of an episodes answer as CSV, for spreadsheets. */
import type { EpisodesResponse } from '@/lib/episodes/schemas';
import { csvField } from '@/lib/export/csvField';

const COLUMNS = ['id', 'name', 'h3', 'count', 'totalSeconds', 'longestSeconds'] as const;

export function episodeStationsCsv(response: EpisodesResponse): string {
  const lines = response.stations.map((station) => COLUMNS.map((column) => csvField(String(station[column]))).join(','));
  return [COLUMNS.join(','), ...lines].join('\n') + '\n';
}
