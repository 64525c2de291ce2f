/**
 * Searching the catalog (minisearch): a name, city, country (code or English name) or System ID,
 * accents and case ignored ("velib" finds "Vélib'"), words completed as typed ("vel" finds it too)
 * and, from five letters on, one typo forgiven; every word must match. Best first: a match in the
 * name counts most, then the city, the id, the country; an exact word beats a completed or
 * corrected one; equal scores keep the catalog's order.
 */
import MiniSearch from 'minisearch';
import type { CatalogSystem } from './parse';

/** "Vélib' Métropole" → "velib' metropole": the text compared, on both sides of a search. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

const WORD_SEPARATORS = /[\s\p{P}\p{S}]+/u;

/** The words of a field, each camel-cased name split too ("StadtRadHamburg" is also "hamburg"). */
function words(text: string): string[] {
  return text.split(WORD_SEPARATORS).flatMap((word) => {
    const parts = word.split(/(?<=\p{Ll})(?=\p{Lu})/u);
    return parts.length > 1 ? [word, ...parts] : [word];
  });
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

const BOOST = { name: 3, location: 2, id: 1.5, country: 1 };

export interface CatalogQuery {
  q?: string;
  /** ISO 3166-1 alpha-2, any case. */
  country?: string;
}

export interface CatalogIndex {
  /** Positions in `systems` of the ones that match, best first (catalog order without `q`). */
  search(query: CatalogQuery): number[];
}

export function buildCatalogIndex(systems: readonly CatalogSystem[]): CatalogIndex {
  const index = new MiniSearch<{ position: number }>({
    idField: 'position',
    fields: Object.keys(BOOST),
    extractField: ({ position }, field) => {
      if (field === 'position') return position;
      const system = systems[position];
      if (field === 'country') return `${system.countryCode} ${countryName(system.countryCode)}`;
      return system[field as 'name' | 'location' | 'id'];
    },
    tokenize: words,
    processTerm: (term) => foldText(term) || null,
    searchOptions: {
      boost: BOOST,
      prefix: true,
      fuzzy: (term) => (term.length >= 5 ? 1 / term.length : false),
      combineWith: 'AND',
    },
  });
  index.addAll(systems.map((_, position) => ({ position })));

  return {
    search({ q, country }) {
      const code = country?.toUpperCase();
      const inCountry = (position: number) => code === undefined || systems[position].countryCode === code;
      if (q === undefined || q.trim() === '') return systems.map((_, position) => position).filter(inCountry);
      return index
        .search(q)
        .map((result) => ({ position: result.id as number, score: result.score }))
        .filter(({ position }) => inCountry(position))
        .sort((a, b) => b.score - a.score || a.position - b.position)
        .map(({ position }) => position);
    },
  };
}
