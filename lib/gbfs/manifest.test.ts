import { describe, expect, it } from 'vitest';
import { chooseDataset, isManifest, parseManifest } from './manifest';

const manifest = {
  last_updated: '2026-01-01T00:00:00Z',
  ttl: 3600,
  version: '3.0',
  data: {
    datasets: [
      { system_id: 'oslobysykkel', versions: [{ version: '2.3', url: 'https://x.example/oslo/2.3/gbfs.json' }, { version: '3.0', url: 'https://x.example/oslo/3.0/gbfs.json' }] },
      { system_id: 'bergen', versions: [{ version: '3.0', url: 'https://x.example/bergen/gbfs.json' }] },
      { system_id: 'broken' },
    ],
  },
};

describe('manifest.json', () => {
  it('is told from a gbfs.json', () => {
    expect(isManifest(manifest)).toBe(true);
    expect(isManifest({ data: { feeds: [] } })).toBe(false);
    expect(isManifest({ data: { en: { feeds: [] } } })).toBe(false);
  });

  it('gives each dataset the gbfs.json of its newest version, and drops the malformed', () => {
    expect(parseManifest(manifest)).toEqual([
      { systemId: 'oslobysykkel', gbfsUrl: 'https://x.example/oslo/3.0/gbfs.json' },
      { systemId: 'bergen', gbfsUrl: 'https://x.example/bergen/gbfs.json' },
    ]);
  });

  it('chooses the named dataset, the only one, or says which ids it lists', () => {
    const datasets = parseManifest(manifest);
    expect(chooseDataset(datasets, 'bergen').gbfsUrl).toBe('https://x.example/bergen/gbfs.json');
    expect(chooseDataset(datasets.slice(0, 1), undefined).systemId).toBe('oslobysykkel');
    expect(() => chooseDataset(datasets, undefined)).toThrow('it lists 2 systems (oslobysykkel, bergen); choose one');
    expect(() => chooseDataset(datasets, 'trondheim')).toThrow('no system "trondheim" in it (it lists oslobysykkel, bergen)');
  });

  it('refuses a manifest without a usable dataset', () => {
    expect(() => parseManifest({ data: { datasets: [{ system_id: 'x', versions: [] }] } })).toThrow('no dataset');
  });
});
