import { describe, expect, it } from 'vitest';
import { fixture } from '@/test/fixtures/gbfs/readFixture';
import { parseSystemInformation } from './systemInformation';
import { GbfsFormatError } from './types';

describe('parseSystemInformation', () => {
  it('reads Velib', () => {
    expect(parseSystemInformation(fixture('velib-system_information.json'))).toEqual({
      version: null,
      lastUpdated: 1760778679,
      ttl: 3600,
      info: { systemId: 'Paris', name: 'Paris', timezone: 'Europe/Paris', language: 'en' },
    });
  });

  it('reads v2', () => {
    expect(parseSystemInformation(fixture('v2-system_information.json')).info).toEqual({
      systemId: 'lyft_chi',
      name: 'Divvy',
      timezone: 'America/Chicago',
      language: 'en',
    });
  });

  it('reads v3 localized names, languages list and RFC 3339 time', () => {
    expect(parseSystemInformation(fixture('v3-system_information.json'))).toEqual({
      version: '3.0',
      lastUpdated: Date.parse('2026-07-30T22:00:00Z') / 1000,
      ttl: 86400,
      info: { systemId: 'degage', name: 'Dégage deelautokaart', timezone: 'Europe/Brussels', language: 'nl' },
    });
  });

  const withTimezone = (timezone: unknown) => ({ last_updated: 1, ttl: 1, data: { name: 'X', timezone } });

  it('requires a time zone', () => {
    expect(() => parseSystemInformation(withTimezone(undefined))).toThrow(GbfsFormatError);
    expect(() => parseSystemInformation(withTimezone(undefined))).toThrow('system_information: data.timezone is missing');
    expect(() => parseSystemInformation(withTimezone(''))).toThrow('data.timezone is missing');
  });

  it('rejects a zone that is not IANA', () => {
    expect(() => parseSystemInformation(withTimezone('Paris/France'))).toThrow(
      'system_information: data.timezone "Paris/France" is not an IANA time zone',
    );
  });

  it('accepts legacy IANA links (BIXI sends America/Montreal)', () => {
    expect(parseSystemInformation(withTimezone('America/Montreal')).info.timezone).toBe('America/Montreal');
  });

  it('falls back to system_id for a missing name, and fails without either', () => {
    const noName = { data: { system_id: 'fgb', timezone: 'UTC' } };
    expect(parseSystemInformation(noName).info.name).toBe('fgb');
    expect(() => parseSystemInformation({ data: { timezone: 'UTC' } })).toThrow('data.name and data.system_id are both missing');
  });
});
