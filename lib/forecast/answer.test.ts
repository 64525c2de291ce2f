import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@/lib/api/errors';
import { buildStationAnswer } from './answer';
import { forecastStationResponseSchema } from './schemas';
import type { IssuedForecast } from './live/types';

const hours = 24;
const forecast: IssuedForecast = {
  issuedAt: Date.UTC(2026, 5, 10, 5, 37) / 1000,
  targets: Array.from({ length: hours }, (_, k) => Date.UTC(2026, 5, 10, 6 + k) / 1000),
  model: { fittedAt: 0, historyStart: 0, historyEnd: 0, answeredBy: { 'seasonal+decay': 1 } },
  stations: [
    {
      id: '42',
      name: 'Gare du Nord',
      h3: '8a1fb4662557fff',
      capacity: 30,
      model: 'seasonal+decay',
      bikes: Array.from({ length: hours }, (_, k) => 11.64 + k / 10),
      pFull: Array.from({ length: hours }, () => 0.031),
      pEmpty: Array.from({ length: hours }, () => 0.184),
      bikesLow: Array.from({ length: hours }, () => 8),
      bikesHigh: Array.from({ length: hours }, () => 15),
      persistence: 12,
      seasonal: Array.from({ length: hours }, () => null),
    },
  ],
};

describe("one station's answer (GET /api/forecast?station=ID)", () => {
  it('gives its 24 hours: bikes, interval and the chances of a bike and of a free dock, in a few hundred bytes', () => {
    const answer = buildStationAnswer({ id: 'velib' }, { forecast }, '42');
    expect(forecastStationResponseSchema.parse(answer)).toEqual(answer);
    expect(answer.station).toEqual({ id: '42', name: 'Gare du Nord', capacity: 30, model: 'seasonal+decay' });
    expect(answer.issuedAt).toBe('2026-06-10T05:37:00.000Z');
    expect(answer.bikes[0]).toBe(11.6);
    expect(answer.bikesLow[0]).toBe(8);
    expect(answer.bikesHigh[0]).toBe(15);
    expect(answer.pBike[0]).toBe(0.82);
    expect(answer.pDock[0]).toBe(0.97);
    expect(JSON.stringify(answer).length).toBeLessThan(800);
  });

  it('is a 404 naming the station when the forecast has no such station', () => {
    expect(() => buildStationAnswer({ id: 'velib' }, { forecast }, 'nope')).toThrow(NotFoundError);
    try {
      buildStationAnswer({ id: 'velib' }, { forecast }, 'nope');
    } catch (error) {
      expect(error).toMatchObject({ status: 404, code: 'unknown_station', parameter: 'station', message: 'unknown station "nope" in system "velib"' });
    }
  });
});
