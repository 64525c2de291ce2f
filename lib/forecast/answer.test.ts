import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@/lib/api/errors';
import { cellToParent } from 'h3-js';
import { buildForecastAnswer, buildForecastMapAnswer, buildStationAnswer, type Issued } from './answer';
import { forecastMapResponseSchema, forecastQuerySchema, forecastStationResponseSchema } from './schemas';
import type { IssuedForecast, IssuedStation } from './live/types';
import type { ModelRow } from './sql';

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

describe("the map's view (GET /api/forecast?view=map)", () => {
  const hourly = (f: (k: number) => number) => Array.from({ length: hours }, (_, k) => f(k));
  const base = forecast.stations[0];
  // Two stations in one resolution-10 cell, one in a neighbour; both cells inside one resolution-9 hexagon.
  const stationAt = (id: string, h3: string, capacity: number, bikes: number[], patch: Partial<IssuedStation> = {}): IssuedStation => ({
    ...base,
    id,
    name: `Station ${id}`,
    h3,
    capacity,
    bikes,
    bikesLow: bikes.map(Math.floor),
    bikesHigh: bikes.map(Math.ceil),
    ...patch,
  });
  const CELL = '8a1fb4662557fff';
  const NEIGHBOUR = '8a1fb4662547fff';
  const issued: Issued = {
    forecast: {
      ...forecast,
      stations: [
        stationAt('1', CELL, 20, hourly((k) => 5 + k / 3), { pFull: hourly(() => 0.0004), pEmpty: hourly(() => 0.9996) }),
        stationAt('2', CELL, 10, hourly(() => 2.26), { pFull: hourly(() => 0), pEmpty: hourly(() => 1) }),
        stationAt('3', NEIGHBOUR, 15, hourly(() => 7.5)),
      ],
    },
    model: { backtest: { days: 7, origins: 120, horizons: [{ hours: 1, mae: { model: 1.2, persistence: 1.5, seasonal: 1.4 }, brier: {} }], reliability: {} } } as unknown as ModelRow,
    live: [],
  };
  const system = { id: 'velib', timezone: 'Europe/Paris' };

  it('sends the hexagons of the full view as columns, each hour one array, with what the tooltip says and no station', () => {
    const query = forecastQuerySchema.parse({ view: 'map' });
    const map = buildForecastMapAnswer(system, issued, query);
    expect(forecastMapResponseSchema.parse(map)).toEqual(map);
    const full = buildForecastAnswer(system, issued, query);
    expect(map.hexagons.h3).toEqual(full.hexagons.map((h) => h.h3));
    expect(map.hexagons.lat).toEqual(full.hexagons.map((h) => h.lat));
    expect(map.hexagons.label).toEqual(full.hexagons.map((h) => h.label ?? null));
    expect(map.stations).toBe(3);
    expect(map.hexagons.occupancy).toHaveLength(hours);
    const i = map.hexagons.h3.indexOf(CELL);
    // Hour 3: (5 + 2/3 + 2.26) bikes of 30 docks.
    expect(map.hexagons.occupancy[2][i]).toBe(Math.round((1000 * (5 + 2 / 3 + 2.26)) / 30) / 1000);
    expect(map.hexagons.bikes[2][i]).toBe(7.9);
    expect(map.hexagons.capacity[i]).toBe(30);
    for (let k = 0; k < hours; k++) expect(map.hexagons.occupancy[k][i]).toBeCloseTo(full.hexagons[i].occupancy[k], 3);
    // Chances to 3 decimals, a chance the model left open never written as certain: mean pFull 0.0002 is 0.001, not 0.
    expect(map.hexagons.pFull[0][i]).toBe(0.001);
    expect(map.hexagons.pEmpty[0][i]).toBe(0.999);
    // The legend's figures, without what it does not say.
    expect(map.backtest).toEqual({ days: 7, origins: 120, horizons: [{ hours: 1, mae: { model: 1.2, persistence: 1.5, seasonal: 1.4 } }] });
    expect(map.live).toMatchObject({ origins: 0, horizons: [] });
    expect(JSON.stringify(map)).not.toContain('Station 1"');
  });

  it('keeps the stations of one hexagon for its panel (the full view with h3), and the map view of a cell holds that cell alone', () => {
    const parent = cellToParent(CELL, 9);
    const full = buildForecastAnswer(system, issued, forecastQuerySchema.parse({ h3: CELL }));
    expect(full.stations.map((s) => s.id)).toEqual(['1', '2']);
    const map = buildForecastMapAnswer(system, issued, forecastQuerySchema.parse({ view: 'map', h3: parent, resolution: '9' }));
    expect(map.hexagons.h3).toEqual([parent]);
    expect(map.stations).toBe(cellToParent(NEIGHBOUR, 9) === parent ? 3 : 2);
  });
});
