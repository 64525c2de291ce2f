/**
 * Searching the catalog as a person types into a search box: accents and case ignored, a word
 * found as typed so far, one typo forgiven in a long word, every word required, the best match
 * first (the name over the city over the id over the country), a country filter, and the whole
 * catalog in its order without words.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCatalogCsv, type CatalogSystem } from './parse';
import { catalogQuerySchema } from './schemas';
import { buildCatalogIndex, foldText } from './search';

const system = (id: string, name: string, location: string, countryCode: string): CatalogSystem => ({
  id,
  name,
  location,
  countryCode,
  url: null,
  autoDiscoveryUrl: `https://${id}.example/gbfs.json`,
  versions: [],
  authType: null,
  authInfoUrl: null,
  authParameterName: null,
});

const SYSTEMS = [
  system('velibeo', 'Vélibéo', 'Brive-la-Gaillarde', 'FR'),
  system('Paris', "Vélib' Metropole", 'Paris', 'FR'),
  system('lime_paris', 'Lime Paris', 'Paris', 'FR'),
  system('oslobysykkel', 'Oslo Bysykkel', 'Oslo', 'NO'),
  system('voioslo', 'Voi Oslo', 'Oslo', 'NO'),
  system('bergen', 'Bergen Bysykkel', 'Bergen', 'NO'),
  system('stadtrad_hamburg', 'StadtRadHamburg', 'Hamburg', 'DE'),
  system('malmo', 'Malmö by bike', 'Malmö', 'SE'),
  system('s1', 'Cykel', 'Lund', 'SE'),
  system('s2', 'Lund Bikes', 'Ystad', 'SE'),
];
const index = buildCatalogIndex(SYSTEMS);
const names = (q: string, country?: string) => index.search({ q, country }).map((position) => SYSTEMS[position].name);

describe('searching the catalog', () => {
  it('folds accents and case on both sides', () => {
    expect(foldText("Vélib' MÉTROPOLE")).toBe("velib' metropole");
    expect(names('velib')).toEqual(["Vélib' Metropole", 'Vélibéo']);
    expect(names('VÉLIB')).toEqual(names('velib'));
    expect(names('malmo')).toEqual(['Malmö by bike']);
    expect(names('MALMÖ')).toEqual(['Malmö by bike']);
  });

  it('puts an exact word before a word it completes ("velib" is Vélib\' before Vélibéo)', () => {
    expect(names('velib')[0]).toBe("Vélib' Metropole");
    expect(names('vel')).toEqual(expect.arrayContaining(["Vélib' Metropole", 'Vélibéo']));
  });

  it('ranks a match in the name above one in the city only', () => {
    expect(names('lund')).toEqual(['Lund Bikes', 'Cykel']);
    // Lime Paris has "Paris" in its name; Vélib' only in its city and id.
    expect(names('paris')).toEqual(['Lime Paris', "Vélib' Metropole"]);
  });

  it('finds a city, a country by code or English name, and the id', () => {
    expect(names('oslo')).toEqual(expect.arrayContaining(['Oslo Bysykkel', 'Voi Oslo']));
    expect(names('oslo')).toHaveLength(2);
    expect(names('norway')).toEqual(expect.arrayContaining(['Oslo Bysykkel', 'Voi Oslo', 'Bergen Bysykkel']));
    expect(names('norway')).toHaveLength(3);
    expect(names('oslobysykkel')).toEqual(['Oslo Bysykkel']);
    expect(names('hamburg')).toEqual(['StadtRadHamburg']);
  });

  it('requires every word, and forgives one typo in a word of five letters or more', () => {
    expect(names('bysykkel bergen')).toEqual(['Bergen Bysykkel']);
    // Equal scores: the catalog's order.
    expect(names('bysykel')).toEqual(['Oslo Bysykkel', 'Bergen Bysykkel']);
    expect(names('osl bergen')).toEqual([]);
    expect(names('olso')).toEqual([]);
  });

  it('keeps the catalog order without words, and filters by country in any case', () => {
    expect(index.search({})).toEqual(SYSTEMS.map((_, position) => position));
    expect(names('', 'no')).toEqual(['Oslo Bysykkel', 'Voi Oslo', 'Bergen Bysykkel']);
    expect(names('bysykkel', 'NO')).toHaveLength(2);
    expect(names('oslo', 'SE')).toEqual([]);
    expect(names('  ')).toHaveLength(SYSTEMS.length);
    expect(names("'")).toEqual([]);
  });

  it('answers any text a person can type (accents, emoji, lone surrogates, punctuation) with a list, never an error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(undefined, 'no', 'SE', 'zz'), (q, country) => {
        const query = catalogQuerySchema.parse({ q, country });
        const found = index.search(query);
        expect(new Set(found).size).toBe(found.length);
        expect(found.every((position) => position >= 0 && position < SYSTEMS.length)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

const SAMPLES = process.env.GBFS_SAMPLES_DIR;

describe.skipIf(!SAMPLES)('searching the recorded catalog', () => {
  // Skipped describes are still collected: read the file only when it is there.
  const { systems } = SAMPLES ? parseCatalogCsv(fs.readFileSync(path.join(SAMPLES, 'catalog', 'systems.csv'))) : { systems: [] };
  const recorded = buildCatalogIndex(systems);
  const found = (q: string, country?: string) => recorded.search({ q, country }).map((position) => systems[position]);

  it('"velib" is Vélib\' Métropole first, at its real discovery URL', () => {
    expect(found('velib').map((s) => s.name)).toEqual(["Vélib' Metropole", 'Vélibéo']);
    expect(found('velib')[0].autoDiscoveryUrl).toBe('https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json');
  });

  it('"oslo" is the six systems of Oslo; "oslo bysykkel" the one; "norway" the 88 of NO', () => {
    expect(found('oslo').map((s) => s.id).sort()).toEqual(['boltoslo', 'getaround_oslo', 'oslobysykkel', 'rydeoslo', 'voioslo', 'zeus_oslo']);
    expect(found('oslo bysykkel').map((s) => s.id)).toEqual(['oslobysykkel']);
    expect(found('norway')).toHaveLength(88);
    expect(found('', 'NO')).toHaveLength(88);
  });

  it('"lüneburg" and "luneburg" find StadtRADLueneburg; "montreal" finds BIXI Montréal', () => {
    expect(found('lüneburg').map((s) => s.id)).toEqual(['stadtrad_lueneburg']);
    expect(found('luneburg').map((s) => s.id)).toEqual(['stadtrad_lueneburg']);
    expect(found('montreal').map((s) => s.name)).toContain('BIXI Montréal');
  });
});
