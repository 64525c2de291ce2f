/**
 * The app's search rules over a list (minisearch), shared by the catalog and the stations: accents
 * and case ignored, words completed as typed, from five letters on one typo forgiven, every word
 * must match; best first, equal scores keeping the list's order.
 */
import MiniSearch from 'minisearch';

/** "Vélib' Métropole" → "velib' metropole": the text compared, on both sides of a search. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Spaces, punctuation and symbols: "Gare-du-Nord (12)" is four words. */
export function splitWords(text: string): string[] {
  return text.split(/[\s\p{P}\p{S}]+/u);
}

export interface ListIndexOptions<Field extends string> {
  /** The fields searched and how much a match in each counts. */
  boost: Record<Field, number>;
  /** The text of one field of the item at `position`. */
  fieldText: (position: number, field: Field) => string;
  tokenize?: (text: string) => string[];
}

/** Ranks a list's items against a text: their positions, best first; none for blank text. */
export type ListRanking = (text: string) => number[];

export function buildListIndex<Field extends string>(count: number, { boost, fieldText, tokenize = splitWords }: ListIndexOptions<Field>): ListRanking {
  const index = new MiniSearch<{ position: number }>({
    idField: 'position',
    fields: Object.keys(boost),
    extractField: ({ position }, field) => (field === 'position' ? position : fieldText(position, field as Field)),
    tokenize,
    processTerm: (term) => foldText(term) || null,
    searchOptions: {
      boost,
      prefix: true,
      fuzzy: (term) => (term.length >= 5 ? 1 / term.length : false),
      combineWith: 'AND',
    },
  });
  index.addAll(Array.from({ length: count }, (_, position) => ({ position })));

  return (text) => {
    if (text.trim() === '') return [];
    return index
      .search(text)
      .map((result) => ({ position: result.id as number, score: result.score }))
      .sort((a, b) => b.score - a.score || a.position - b.position)
      .map(({ position }) => position);
  };
}
