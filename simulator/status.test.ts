import { describe, expect, it } from 'vitest';
import { buildCity } from './city';
import { stationStatusAt } from './status';

const city = buildCity(1, 1500);
/** 2025-10-14 is a Tuesday; Paris is UTC+2 then. */
const parisTuesday = (hhmm: string) => Date.parse(`2025-10-14T${hhmm}:00+02:00`) / 1000;
const parisSunday = (hhmm: string) => Date.parse(`2025-10-19T${hhmm}:00+02:00`) / 1000;

function fillOf(kind: string, t: number): number {
  const counts = stationStatusAt(city, t);
  let bikes = 0;
  let docks = 0;
  city.stations.forEach((s, i) => {
    if (s.kind !== kind || s.quirk !== 'none') return;
    bikes += counts[i].bikes;
    docks += s.docks;
  });
  return bikes / docks;
}

describe('stationStatusAt', () => {
  it('gives the same numbers for the same (seed, t) and different ones otherwise', () => {
    const t = parisTuesday('10:00');
    expect(stationStatusAt(buildCity(1, 1500), t)).toEqual(stationStatusAt(city, t));
    expect(stationStatusAt(city, t + 60)).not.toEqual(stationStatusAt(city, t));
    expect(stationStatusAt(buildCity(2, 1500), t)).not.toEqual(stationStatusAt(city, t));
  });

  it('empties residential areas in the morning and fills the centre by day', () => {
    expect(fillOf('residential', parisTuesday('08:30'))).toBeLessThan(fillOf('residential', parisTuesday('03:00')) - 0.15);
    expect(fillOf('centre', parisTuesday('11:00'))).toBeGreaterThan(fillOf('centre', parisTuesday('05:00')) + 0.2);
    expect(fillOf('business', parisTuesday('11:00'))).toBeGreaterThan(fillOf('business', parisTuesday('05:00')) + 0.2);
    // The evening rush brings the bikes back home.
    expect(fillOf('residential', parisTuesday('21:30'))).toBeGreaterThan(fillOf('residential', parisTuesday('12:00')) + 0.15);
  });

  it('is flatter on weekends', () => {
    const weekdaySwing = fillOf('business', parisTuesday('11:00')) - fillOf('business', parisTuesday('05:00'));
    const sundaySwing = fillOf('business', parisSunday('11:00')) - fillOf('business', parisSunday('05:00'));
    expect(Math.abs(sundaySwing)).toBeLessThan(weekdaySwing / 2);
  });

  it('changes only a little from one minute to the next', () => {
    const a = stationStatusAt(city, parisTuesday('14:00'));
    const b = stationStatusAt(city, parisTuesday('14:01'));
    const moved = a.filter((c, i) => c.bikes !== b[i].bikes);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length).toBeLessThan(1500 * 0.5);
    expect(a.every((c, i) => Math.abs(c.bikes - b[i].bikes) <= 3)).toBe(true);
  });

  it('keeps counts integral, non-negative and consistent, with the quirks where expected', () => {
    const t = parisTuesday('17:45');
    const counts = stationStatusAt(city, t);
    let bikes = 0;
    let ebikes = 0;
    counts.forEach((c, i) => {
      const s = city.stations[i];
      for (const n of [c.bikes, c.ebikes, c.mechanical, c.docks]) {
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(0);
      }
      expect(c.ebikes + c.mechanical).toBe(c.bikes);
      expect(c.lastReported).toBeLessThanOrEqual(t);
      bikes += c.bikes;
      ebikes += c.ebikes;
      if (s.quirk === 'none') {
        expect(c.bikes + c.docks).toBe(s.capacity);
        expect(t - c.lastReported).toBeLessThan(1800);
      }
      if (s.quirk === 'over_capacity') expect(c.bikes + c.docks).toBeGreaterThan(s.capacity);
      if (s.quirk === 'not_installed') expect([c.isInstalled, c.isRenting, c.bikes]).toEqual([false, false, 0]);
      if (s.quirk === 'zero_capacity') expect([c.bikes, c.docks, c.isRenting]).toEqual([0, 0, false]);
    });
    expect(ebikes / bikes).toBeGreaterThan(0.28);
    expect(ebikes / bikes).toBeLessThan(0.42);
  });
});
