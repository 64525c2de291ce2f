import { describe, expect, it } from 'vitest';
import { clampLastReported, EARLIEST_PLAUSIBLE_TIME, parseGbfsTime, parseRfc3339 } from './time';

describe('parseGbfsTime', () => {
  it('takes v1/v2 integers and numeric strings', () => {
    expect(parseGbfsTime(1760778556)).toBe(1760778556);
    expect(parseGbfsTime('1689721600')).toBe(1689721600);
    expect(parseGbfsTime(' 1689721600 ')).toBe(1689721600);
  });

  it('floors fractional seconds', () => {
    expect(parseGbfsTime(1689721600.9)).toBe(1689721600);
    expect(parseGbfsTime('1689721600.9')).toBe(1689721600);
    expect(parseGbfsTime('2023-07-18T07:11:16.999Z')).toBe(1689664276);
  });

  it('reads RFC 3339 in UTC and with offsets', () => {
    expect(parseGbfsTime('2023-07-18T07:11:16Z')).toBe(1689664276);
    expect(parseGbfsTime('2023-07-18T09:11:16+02:00')).toBe(1689664276);
    expect(parseGbfsTime('2023-07-18T02:11:16-05:00')).toBe(1689664276);
    expect(parseGbfsTime('2026-07-31T00:00:00+02:00')).toBe(Date.parse('2026-07-30T22:00:00Z') / 1000);
  });

  it('returns null for missing or unreadable values', () => {
    for (const value of [undefined, null, '', 'soon', NaN, Infinity, true, {}, '2023-07-18', '2023-07-18T07:11:16']) {
      expect(parseGbfsTime(value)).toBeNull();
    }
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(parseRfc3339('2023-02-30T00:00:00Z')).toBeNull();
    expect(parseRfc3339('2023-13-01T00:00:00Z')).toBeNull();
    expect(parseRfc3339('2023-01-01T24:00:00Z')).toBeNull();
    expect(parseRfc3339('2024-02-29T00:00:00Z')).toBe(Date.parse('2024-02-29T00:00:00Z') / 1000);
  });
});

describe('clampLastReported', () => {
  const reference = 1689721625;

  it('keeps plausible values, including a few seconds ahead of the file (Rouen: +4 s)', () => {
    expect(clampLastReported(reference - 3600, reference)).toEqual({ value: reference - 3600, changed: false });
    expect(clampLastReported(reference + 4, reference)).toEqual({ value: reference + 4, changed: false });
    expect(clampLastReported(reference + 300, reference)).toEqual({ value: reference + 300, changed: false });
  });

  it('pulls values more than 300 s ahead back to the reference + 300', () => {
    expect(clampLastReported(reference + 301, reference)).toEqual({ value: reference + 300, changed: true });
  });

  it('drops placeholders before 2000 (Citi Bike 18001, Ecobici 86400)', () => {
    expect(clampLastReported(18001, reference)).toEqual({ value: null, changed: true });
    expect(clampLastReported(EARLIEST_PLAUSIBLE_TIME - 1, reference)).toEqual({ value: null, changed: true });
    expect(clampLastReported(EARLIEST_PLAUSIBLE_TIME, reference)).toEqual({ value: EARLIEST_PLAUSIBLE_TIME, changed: false });
  });

  it('leaves a missing value alone', () => {
    expect(clampLastReported(null, reference)).toEqual({ value: null, changed: false });
  });
});
