import { describe, expect, it } from 'vitest';
import { buildStationIndex } from './search';

const STATIONS = [
  { name: 'Alésia - Général Leclerc', code: '14012' },
  { name: 'Gare du Nord - Maubeuge', code: '10013' },
  { name: 'Gare du Nord 2', code: '10042' },
  { name: "Gare de l'Est", code: '10001' },
  { name: 'Parc de la Villette', code: '19003' },
  { name: 'Vélodrome National', code: '44014_relais' },
  { name: 'Place Réaumur', code: null },
];

const names = (text: string, limit = 10) => {
  const index = buildStationIndex(STATIONS);
  return index.search(text, limit).map((i) => STATIONS[i].name);
};

describe('the station search', () => {
  it('ignores accents and case', () => {
    expect(names('velodrome')).toEqual(['Vélodrome National']);
    expect(names('ALESIA')).toEqual(['Alésia - Général Leclerc']);
    expect(names('reaumur')).toEqual(['Place Réaumur']);
  });

  it('needs every word, completing the last as typed', () => {
    expect(names('gare du nord')).toEqual(['Gare du Nord - Maubeuge', 'Gare du Nord 2']);
    expect(names('gare du n')).toEqual(['Gare du Nord - Maubeuge', 'Gare du Nord 2']);
    expect(names('gare est')).toEqual(["Gare de l'Est"]);
  });

  it('forgives one typo in a longer word', () => {
    expect(names('vilette')).toEqual(['Parc de la Villette']);
    expect(names('maubeige')).toEqual(['Gare du Nord - Maubeuge']);
  });

  it('finds a station by its code, a whole code first', () => {
    expect(names('10042')).toEqual(['Gare du Nord 2']);
    expect(names('44014')).toEqual(['Vélodrome National']);
    expect(names('100')).toEqual(['Gare du Nord - Maubeuge', 'Gare du Nord 2', "Gare de l'Est"]);
  });

  it('answers nothing for blank text or no match, and at most the limit', () => {
    expect(names('   ')).toEqual([]);
    expect(names('zzzz')).toEqual([]);
    expect(names('gare', 2)).toHaveLength(2);
  });
});
