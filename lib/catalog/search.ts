/**
 * Searching the catalog (minisearch): a name, city, country (code or English name) or System ID,
 * accents and case ignored ("velib" finds "Vélib'"), words completed as typed ("vel" finds it too)
 * and, from five letters on, one typo forgiven; every word must match. Best first: a match in the
 * name counts most, then the city, the id, the country; an exact word beats a completed or
 * corrected one; equal scores keep the catalog's order.
 */
import { buildListIndex, splitWords } from '@/lib/search/listIndex';
import type { CatalogSystem } from './parse';

// The catalog's folding, which its callers (the bench, the browser tests) compare with.
export { foldText } from '@/lib/search/listIndex';

/** The words of a field, each camel-cased name split too ("StadtRadHamburg" is also "hamburg"). */
function words(text: string): string[] {
  return splitWords(text).flatMap((word) => {
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
  const rank = buildListIndex(systems.length, {
    boost: BOOST,
    fieldText: (position, field) => {
      const system = systems[position];
      return field === 'country' ? `${system.countryCode} ${countryName(system.countryCode)}` : system[field];
    },
    tokenize: words,
  });

  return {
    search({ q, country }) {
      const code = country?.toUpperCase();
      const inCountry = (position: number) => code === undefined || systems[position].countryCode === code;
      if (q === undefined || q.trim() === '') return systems.map((_, position) => position).filter(inCountry);
      return rank(q).filter(inCountry);
    },
  };
}
