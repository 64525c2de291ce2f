import { describe, expect, it } from 'vitest';
import { applyStationModel } from './forecastStation';
import { fitHorizonTrust, MIN_GROUP_ROWS, PLAIN_DECAY, trustAt, trustedBikes } from './horizonTrust';
import { seasonalProfile, profileAt } from './seasonalProfile';
import { originState } from './series';
import { HOUR, MONDAY, triangle, utcHistory } from '../../test/support/forecastHistories';
import type { DecayFit, LocalHour, StationNow } from './types';

/** A state of x bikes, no trend, polled at the start of its hour. */
const atCount = (bikes: number): StationNow => ({ hourStart: 0, weekday: 1, hour: 0, bikes, fullShare: 0, emptyShare: 0 });

const DAYS = 21;
const until = MONDAY + DAYS * 24 * HOUR;
// The profile every test station is measured against: a daily wave of 10 + triangle(hour).
const wave = utcHistory(DAYS * 24, (_, { hour }) => 10 + triangle(hour));
const profile = seasonalProfile(wave, { weeks: 3, until });
const PHI = 0.8;

/** Stations whose bikes follow `share` of the wave's hour-to-hour change on weekdays and `weekendShare` on weekends. */
function followers(count: number, share: number, weekendShare = share) {
  return Array.from({ length: count }, () => {
    let bikes = 10;
    const hours = utcHistory(DAYS * 24, (i, { weekday, hour }) => {
      if (i > 0) bikes += (weekday >= 6 ? weekendShare : share) * (triangle(hour) - triangle((hour + 23) % 24));
      return bikes;
    });
    return { capacity: 40, hours };
  });
}

const fitsOf = (count: number) => Array.from({ length: count }, () => ({ profile, phi: PHI }));

describe('fitHorizonTrust', () => {
  it('is the plain decay model on stations that follow their profile exactly', () => {
    const stations = [{ capacity: 40, hours: wave }];
    const trust = fitHorizonTrust(stations, fitsOf(1), until)!;
    expect(trust.rows).toBeGreaterThan(0);
    for (let k = 1; k <= 24; k++) expect(trust.pooled[k - 1]).toEqual(PLAIN_DECAY);
  });

  it('learns that stations follow half the profile’s change: the forecast is now + half of it, at every horizon', () => {
    const stations = followers(1, 0.5);
    const trust = fitHorizonTrust(stations, fitsOf(1), until)!;
    // Origin Monday 06:00 after the fit: x = the station's bikes then; the truth k hours later moves half the wave's change.
    const hours = stations[0].hours;
    const o = (DAYS - 7) * 24 + 6;
    const now = hours[o - 1];
    for (const k of [1, 3, 6]) {
      const target = hours[o + k - 1];
      const beta = trustAt(trust, hours[o], k)!;
      const forecast = trustedBikes(beta, originState(hours, o)!, profileAt(profile, now)!, profileAt(profile, target)!, 1 - PHI ** k);
      expect(forecast).toBeCloseTo(now.meanBikes! + 0.5 * (triangle(target.hour) - triangle(now.hour)), 2);
    }
  });

  it('fits each day type and hour on its own when it has the rows: weekend stations that ignore the profile stay put', () => {
    // 120 stations × the 2 Saturdays of the 14 fitted days: 240 rows per (Saturday 08:00, horizon), over MIN_GROUP_ROWS.
    const stations = followers(120, 1, 0);
    const trust = fitHorizonTrust(stations, fitsOf(120), until)!;
    const saturday8: LocalHour = { hourStart: 0, weekday: 6, hour: 8 };
    const monday8: LocalHour = { hourStart: 0, weekday: 1, hour: 8 };
    const at = (label: LocalHour, k: number, x: number) => {
      const target = { weekday: label.weekday, hour: label.hour + k - 1 };
      const now = { weekday: label.weekday, hour: label.hour - 1 };
      return trustedBikes(trustAt(trust, label, k)!, atCount(x), profileAt(profile, now)!, profileAt(profile, target)!, 1 - PHI ** k);
    };
    expect(trust.groups[24 + 8][2]).not.toBeNull();
    expect(2 * 120).toBeGreaterThanOrEqual(MIN_GROUP_ROWS);
    // On Saturday the stations stay at Friday 23:00's 11 bikes: the change and the deviation are ignored.
    expect(at(saturday8, 3, 11)).toBeCloseTo(11, 2);
    // On Monday they are on the wave (17 bikes at 07:00) and follow its change in full: 20 at 10:00.
    expect(at(monday8, 3, 17)).toBeCloseTo(20, 2);
    // The pooled coefficients mix both: neither answer.
    expect(trustedBikes(trust.pooled[2]!, atCount(11), profileAt(profile, { weekday: 6, hour: 7 })!, profileAt(profile, { weekday: 6, hour: 10 })!, 1 - PHI ** 3)).not.toBeCloseTo(11, 1);
  });

  it('has nothing to fit without history before the fit: null, and the model stays the plain decay model', () => {
    expect(fitHorizonTrust([{ capacity: 40, hours: wave }], fitsOf(1), MONDAY)).toBeNull();
    const decay: DecayFit = { phi: PHI, stationPhi: PHI, pairs: 1, sumProducts: 0, sumSquares: 0, priorPhi: PHI, priorPairs: 0 };
    const model = { model: 'seasonal+decay' as const, until, historyDays: DAYS, profile, decay };
    const now: StationNow = { hourStart: until - HOUR, weekday: 7, hour: 23, bikes: 15, fullShare: 0, emptyShare: 0 };
    const targets: LocalHour[] = [{ hourStart: until, weekday: 1, hour: 0 }];
    const plain = applyStationModel(model, now, targets, 40);
    expect(plain.bikes[0]).toBeCloseTo(10 + PHI * (15 - 11), 10);
    expect(applyStationModel(model, now, targets, 40, null)).toEqual(plain);
  });
});
