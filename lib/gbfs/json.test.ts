import { describe, expect, it } from 'vitest';
import { fixtureText } from '@/test/fixtures/gbfs/readFixture';
import { parseJsonText } from './json';
import { GbfsFormatError } from './types';

function formatError(run: () => unknown): GbfsFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof GbfsFormatError) return error;
    throw error;
  }
  throw new Error('expected a GbfsFormatError');
}

describe('parseJsonText', () => {
  it('parses a document', () => {
    expect(parseJsonText('{"last_updated": 1, "data": {}}', 'gbfs')).toEqual({ last_updated: 1, data: {} });
  });

  it('accepts a leading byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a":1}', 'gbfs')).toEqual({ a: 1 });
  });

  it('reports a truncated download with its length and the feed name', () => {
    const text = fixtureText('v1-lyft-station_information.json');
    const cut = text.slice(0, 300);
    const error = formatError(() => parseJsonText(cut, 'station_information'));
    expect(error.feed).toBe('station_information');
    expect(error.message).toContain('station_information: invalid JSON');
    expect(error.message).toContain('offset 300');
    expect(error.message).toContain('truncated?');
  });

  it('says at which line and column a syntax error sits', () => {
    const error = formatError(() => parseJsonText('{\n  "a": 1,\n  "b": }', 'station_status'));
    expect(error.message).toMatch(/line 3, column 8 \(offset 19\)/);
    expect(error.message).not.toContain('truncated');
  });

  it('names HTML error pages instead of a JSON position', () => {
    const error = formatError(() => parseJsonText('<!DOCTYPE html><h1>502 Bad Gateway</h1>', 'gbfs'));
    expect(error.message).toContain('got HTML/XML, expected JSON');
  });

  it('rejects an empty body', () => {
    expect(formatError(() => parseJsonText('  \n', 'gbfs')).message).toBe('gbfs: empty document, expected JSON');
  });
  it('reads bare NaN and ±Infinity (Python json.dumps) as null, so only that field is bad', () => {
    expect(parseJsonText('{"lat": NaN, "lon":-Infinity, "cap": Infinity, "n": [NaN]}', 'station_information')).toEqual({
      lat: null,
      lon: null,
      cap: null,
      n: [null],
    });
  });

  it('leaves the words NaN and Infinity inside strings alone, escaped quotes included', () => {
    expect(parseJsonText('{"name": "NaN \\"Infinity\\" bar", "lat": NaN}', 'station_information')).toEqual({
      name: 'NaN "Infinity" bar',
      lat: null,
    });
  });

  it('still reports the original error, at the first bad token, for a document broken beyond those tokens', () => {
    const error = formatError(() => parseJsonText('{"lat": NaN, "lon": }', 'station_information'));
    expect(error.message).toMatch(/invalid JSON at line 1, column 9 \(offset 8\)/);
  });

  it('reads a multi-megabyte string without overflowing the stack', () => {
    const long = 'x'.repeat(5_000_000);
    expect(parseJsonText(`{"a": "${long}", "b": NaN}`, 'gbfs')).toEqual({ a: long, b: null });
  });
});
