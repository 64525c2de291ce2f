/**
 * Reading MobilityData's systems.csv: the recorded copy as it is (counts by country, the System ID
 * listed twice, quoted locations with commas, the key columns, the " ; "-joined versions), the
 * older six-column layout, and the lines that cannot be read, skipped and counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogFormatError, needsKey, parseCatalogCsv } from './parse';

const SAMPLES = process.env.GBFS_SAMPLES_DIR;
const HEADER = 'Country Code,Name,Location,System ID,URL,Auto-Discovery URL,Supported Versions,Authentication Info URL,Authentication Type,Authentication Parameter Name';

describe.skipIf(!SAMPLES)('the recorded catalog ($GBFS_SAMPLES_DIR/catalog/systems.csv)', () => {
  // Skipped describes are still collected: read the file only when it is there.
  const catalog = SAMPLES ? parseCatalogCsv(fs.readFileSync(path.join(SAMPLES, 'catalog', 'systems.csv'))) : { systems: [], skippedLines: 0 };
  const byCountry = (code: string) => catalog.systems.filter((s) => s.countryCode === code).length;

  it('reads every one of its 1,520 systems, none skipped: FR 269, DE 244, US 175, PL 102, NO 88', () => {
    expect(catalog.systems).toHaveLength(1520);
    expect(catalog.skippedLines).toBe(0);
    expect([byCountry('FR'), byCountry('DE'), byCountry('US'), byCountry('PL'), byCountry('NO')]).toEqual([269, 244, 175, 102, 88]);
  });

  it('keeps both systems listed under the System ID citiz_la_rochelle', () => {
    expect(catalog.systems.filter((s) => s.id === 'citiz_la_rochelle').map((s) => s.name)).toEqual(['Citiz La Rochelle', 'Yélo']);
  });

  it('reads a quoted location with its comma as one field (196 of them), the next columns in place', () => {
    expect(catalog.systems.filter((s) => s.location.includes(','))).toHaveLength(196);
    expect(catalog.systems.find((s) => s.name === 'Citi Bike')).toMatchObject({ location: 'New York, NY', countryCode: 'US', autoDiscoveryUrl: expect.stringMatching(/^https:\/\/.+gbfs/) });
  });

  it('says which 5 systems need a key, with how to send it (Authentication Type 2: headers)', () => {
    const keyed = catalog.systems.filter(needsKey);
    expect(keyed.map((s) => s.id)).toEqual(['lime_wetzikon', 'lime_winterthur', 'sponti', 'stadtrad_hamburg', 'stadtrad_lueneburg']);
    expect(keyed.find((s) => s.id === 'stadtrad_hamburg')).toMatchObject({ authType: '2', authParameterName: 'DB-Client-Id|DB-Api-Key', authInfoUrl: expect.stringMatching(/^https:/) });
    expect(catalog.systems.find((s) => s.id === 'oslobysykkel')).toMatchObject({ authType: null, authParameterName: null });
  });

  it('splits Supported Versions joined by " ; " (and by ";"), and keeps Vélib\' as the catalog writes it', () => {
    expect(catalog.systems.find((s) => s.id === 'careem_bike')?.versions).toEqual(['1.1', '2.3', '3.0']);
    expect(catalog.systems.find((s) => s.autoDiscoveryUrl.includes('velib-metropole-opendata.smovengo.cloud'))).toMatchObject({ id: 'Paris', name: "Vélib' Metropole", location: 'Paris', versions: ['1.0'] });
  });
});

describe('other shapes of the file', () => {
  it('reads the older six-column layout (with a BOM and CRLF line ends): no versions, no key', () => {
    const catalog = parseCatalogCsv(fs.readFileSync(path.join(__dirname, '../../test/fixtures/catalog/six-columns.csv')));
    expect(catalog.skippedLines).toBe(0);
    expect(catalog.systems.map((s) => [s.countryCode, s.id, s.name, s.location])).toEqual([
      ['FR', 'velib', "Vélib' Métropole", 'Paris'],
      ['US', 'NYC', 'Citi Bike', 'New York, NY'],
      ['NO', 'oslobysykkel', 'Oslo Bysykkel', 'Oslo'],
    ]);
    expect(catalog.systems[0]).toMatchObject({ versions: [], authType: null, url: 'https://www.velib-metropole.fr' });
  });

  it('finds the columns by their header in any order and spelling', () => {
    const catalog = parseCatalogCsv('system_id,auto_discovery_url,name,country code,location\nx,https://a.example/gbfs.json,X,se,Lund\n');
    expect(catalog.systems).toEqual([expect.objectContaining({ id: 'x', countryCode: 'SE', location: 'Lund', url: null })]);
  });

  it('skips and counts the lines it cannot read, keeping the rest', () => {
    const lines = [
      HEADER,
      'NO,Good One,Oslo,good_one,https://a.example,https://a.example/gbfs.json,2.3,,,',
      'NO,Unquoted, comma,Oslo,comma,https://a.example,https://a.example/gbfs.json,2.3,,,', // 11 fields
      'NO,No Discovery,Oslo,nodisc,https://a.example,,2.3,,,',
      'NO,Not A URL,Oslo,noturl,https://a.example,gbfs.json,2.3,,,',
      'NOR,Bad Country,Oslo,badcountry,https://a.example,https://b.example/gbfs.json,2.3,,,',
      ',No Id,Oslo,,https://a.example,https://c.example/gbfs.json,2.3,,,',
      'SE,"Quoted ""Name""","Lund, Skåne",quoted,,https://d.example/gbfs.json,1.1; 2.3,,0,',
      '',
      'DE,Last,"Berlin,10,,', // an unclosed quote runs to the end of the file
    ];
    const catalog = parseCatalogCsv(lines.join('\r\n'));
    expect(catalog.systems.map((s) => s.id)).toEqual(['good_one', 'quoted']);
    expect(catalog.systems[1]).toMatchObject({ name: 'Quoted "Name"', location: 'Lund, Skåne', url: null, versions: ['1.1', '2.3'], authType: null });
    expect(catalog.skippedLines).toBe(6);
  });

  it('refuses a file that is not a catalog, or lists no usable system (the stored copy is kept)', () => {
    expect(() => parseCatalogCsv('')).toThrow(new CatalogFormatError('the catalog is empty'));
    expect(() => parseCatalogCsv('<html><body>rate limited</body></html>\n')).toThrow(/^not a GBFS systems.csv: no "countryCode", "name", "id", "autoDiscoveryUrl" column/);
    expect(() => parseCatalogCsv(`${HEADER}\r\n`)).toThrow('the catalog lists no usable system (0 lines skipped)');
  });
});
