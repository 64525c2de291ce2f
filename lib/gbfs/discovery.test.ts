import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/fixtures/gbfs/readFixture';
import { parseDiscovery } from './discovery';
import { GbfsFormatError } from './types';

describe('parseDiscovery', () => {
  it('reads Velib (Smoove: no version, lastUpdatedOther)', () => {
    expect(parseDiscovery(fixture('velib-gbfs.json'))).toEqual({
      version: null,
      language: 'en',
      systemInformation: 'https://velib-metropole-opendata.smoove.pro/opendata/Velib_Metropole/system_information.json',
      stationInformation: 'https://velib-metropole-opendata.smoove.pro/opendata/Velib_Metropole/station_information.json',
      stationStatus: 'https://velib-metropole-opendata.smoove.pro/opendata/Velib_Metropole/station_status.json',
      vehicleTypes: null,
    });
  });

  it('prefers English over the first listed language (v2)', () => {
    const urls = parseDiscovery(fixture('v2-gbfs.json'));
    expect(urls.version).toBe('2.3');
    expect(urls.language).toBe('en');
    expect(urls.stationStatus).toBe('https://example.org/gbfs/2.3/en/station_status.json');
    expect(urls.vehicleTypes).toBe('https://example.org/gbfs/2.3/en/vehicle_types.json');
  });

  it('uses the preferred language when listed', () => {
    const urls = parseDiscovery(fixture('v2-gbfs.json'), 'es');
    expect(urls.language).toBe('es');
    expect(urls.stationInformation).toBe('https://example.org/gbfs/2.3/es/station_information.json');
    expect(urls.systemInformation).toBeNull();
  });

  it('falls back to the first language when neither preferred nor English exist', () => {
    const json = { last_updated: 1, ttl: 0, data: { nb: { feeds: [
      { name: 'station_information', url: 'https://x/nb/si.json' },
      { name: 'station_status', url: 'https://x/nb/ss.json' },
    ] } } };
    expect(parseDiscovery(json, 'de')).toMatchObject({ language: 'nb', stationStatus: 'https://x/nb/ss.json' });
  });

  it('reads v3 feeds directly under data', () => {
    expect(parseDiscovery(fixture('v3-gbfs.json'))).toEqual({
      version: '3.0',
      language: null,
      systemInformation: 'https://example.org/gbfs/system_information.json',
      stationInformation: 'https://example.org/gbfs/station_information.json',
      stationStatus: 'https://example.org/gbfs/station_status.json',
      vehicleTypes: 'https://example.org/gbfs/vehicle_types.json',
    });
  });

  it('names the missing station feeds', () => {
    const json = { version: '3.0', data: { feeds: [{ name: 'system_information', url: 'https://x/si.json' }] } };
    expect(() => parseDiscovery(json)).toThrow(GbfsFormatError);
    expect(() => parseDiscovery(json)).toThrow('gbfs: no station_information and station_status feed listed');
    const onlyInfo = { data: { en: { feeds: [{ name: 'station_information', url: 'https://x/si.json' }] } } };
    expect(() => parseDiscovery(onlyInfo)).toThrow('gbfs: no station_status feed listed (language "en")');
  });

  it('fails loudly on a wrong shape', () => {
    expect(() => parseDiscovery([])).toThrow('gbfs: expected a JSON object at the top level, got an array');
    expect(() => parseDiscovery({ data: { en: 'feeds' } })).toThrow('gbfs: no feed list found');
    expect(() => parseDiscovery({ last_updated: 1 })).toThrow('gbfs: "data" must be an object');
  });
});
