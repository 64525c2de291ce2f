import { describe, expect, it } from 'vitest';
import { copyField, epochLiteral } from './copyRows';

describe('COPY text fields', () => {
  it('writes an epoch as the timestamp to_timestamp gives, to the microsecond', () => {
    expect(epochLiteral(0)).toBe('1970-01-01 00:00:00.000000+00');
    expect(epochLiteral(1_780_000_000)).toBe('2026-05-28 20:26:40.000000+00');
    expect(epochLiteral(1_780_000_000.25)).toBe('2026-05-28 20:26:40.250000+00');
    // Rounded to the microsecond, as Postgres rounds the double.
    expect(epochLiteral(1_780_000_000.0000004)).toBe('2026-05-28 20:26:40.000000+00');
    expect(epochLiteral(-1.5)).toBe('1969-12-31 23:59:58.500000+00');
    expect(() => epochLiteral(Number.NaN)).toThrow(RangeError);
    expect(() => epochLiteral(300_000_000_000)).toThrow(RangeError);
  });

  it('escapes what would end a field or a row, and writes null as \\N', () => {
    expect(copyField.text('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField.text('Gare de Lyon')).toBe('Gare de Lyon');
    expect(copyField.text(null)).toBe('\\N');
    expect(copyField.epoch(null)).toBe('\\N');
    expect(copyField.boolean(false)).toBe('f');
    expect(copyField.float8(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(() => copyField.int(1.5)).toThrow(TypeError);
    expect(() => copyField.float8(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});
