/**
 * Searching a system's stations (minisearch) by name or code, as the map's search box does:
 * accents and case ignored ("velodrome" finds "Vélodrome"), words completed as typed ("gare du n"
 * finds "Gare du Nord"), from five letters on one typo forgiven; every word must match. Best
 * first: a whole code typed beats a name, an exact word beats a completed or corrected one; equal
 * scores keep the list's order (by name).
 */
import MiniSearch from 'minisearch';
import { foldText } from '@/lib/catalog/search';

const WORD_SEPARATORS = /[\s\p{P}\p{S}]+/u;

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
  const index = new MiniSearch<{ position: number }>({
    idField: 'position',
    fields: Object.keys(BOOST),
    extractField: ({ position }, field) => (field === 'position' ? position : (stations[position][field as keyof SearchableStation] ?? '')),
    tokenize: (text) => text.split(WORD_SEPARATORS),
    processTerm: (term) => foldText(term) || null,
    searchOptions: {
      boost: BOOST,
      prefix: true,
      fuzzy: (term) => (term.length >= 5 ? 1 / term.length : false),
      combineWith: 'AND',
    },
  });
  index.addAll(stations.map((_, position) => ({ position })));

  return {
    search(text, limit) {
      if (text.trim() === '') return [];
      return index
        .search(text)
        .map((result) => ({ position: result.id as number, score: result.score }))
        .sort((a, b) => b.score - a.score || a.position - b.position)
        .slice(0, limit)
        .map(({ position }) => position);
    },
  };
}
