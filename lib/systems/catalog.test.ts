import { describe, expect, it } from 'vitest';
import { BUILT_IN_SYSTEMS, parseSystemsSetting } from './catalog';

describe('GBFS_SYSTEMS', () => {
  it('defaults to the built-in catalog: Velib on its current host', () => {
    expect(parseSystemsSetting(undefined)).toEqual(BUILT_IN_SYSTEMS);
    expect(parseSystemsSetting('  ')[0]).toMatchObject({
      id: 'velib',
      gbfsUrl: 'https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json',
      // Named, zoned and framed before its first poll (an offline first run still opens on Paris).
      known: { name: "Vélib' Métropole", timezone: 'Europe/Paris' },
    });
  });

  it('replaces the catalog with id=url pairs', () => {
    expect(parseSystemsSetting('a=http://127.0.0.1:1/gbfs.json, oslo=https://x.example/gbfs.json')).toEqual([
      { id: 'a', gbfsUrl: 'http://127.0.0.1:1/gbfs.json' },
      { id: 'oslo', gbfsUrl: 'https://x.example/gbfs.json' },
    ]);
  });

  it.each([
    ['velib', /not id=https/],
    ['Velib=https://x.example/gbfs.json', /not id=https/],
    ['a=ftp://x.example/gbfs.json', /not id=https/],
    ['a=https://x.example/1.json,a=https://x.example/2.json', /listed twice/],
  ])('rejects %s', (value, message) => {
    expect(() => parseSystemsSetting(value)).toThrow(message);
  });
});
