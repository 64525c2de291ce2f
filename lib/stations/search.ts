/**
 * Searching a system's stations (minisearch) by name or code, as the map's search box does:
 * accents and case ignored ("velodrome" finds "Vélodrome"), words completed as typed ("gare du n"
 * finds "Gare du Nord"), from five letters on one typo forgiven; every word must match. Best
 * first: a whole code typed beats a name, an exact word beats a completed or corrected one; equal
 * scores keep the list's order (by name).
 */
import { buildListIndex } from '@/lib/search/listIndex';

const BOOST = { code: 3, name: 2 };

export interface SearchableStation {
  name: string;
  code: string | null;
}

export interface StationIndex {
  /** Positions in `stations` of the best `limit` matches of `text`, best first; none for blank text. */
  search(text: string, limit: number): number[];
}

export function buildStationIndex(stations: readonly SearchableStation[]): StationIndex {
  const rank = buildListIndex(stations.length, { boost: BOOST, fieldText: (position, field) => stations[position][field] ?? '' });
  return { search: (text, limit) => rank(text).slice(0, limit) };
}
