import { cellToLatLng, cellToParent } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { computeHotspots, type HotspotOptions } from './aggregate';
import { localDayWindow, type TimeWindow } from '../calendar';
import { CELL, PARIS, at, figures, pollsEvery, station, windowSums } from '../../test/support/testPolls';
import type { Hexagon, StationState } from './types';

const MINUTE = 60;
const HOUR = 3600;
const JUNE_10 = '2025-06-10';
const MORNING_8_TO_9 = localDayWindow(JUNE_10, 8, 9, PARIS);
const WHOLE_JUNE_10 = localDayWindow(JUNE_10, 0, 24, PARIS);

const seconds = (window: TimeWindow) => window.end - window.start;

/** Polls every 15 minutes over `window` (plus the one closing it), each with `statesAt(t)`. */
function hotspotsOf(window: TimeWindow, statesAt: (t: number) => StationState[], options: Partial<HotspotOptions> = {}) {
  const polls = pollsEvery(window.start, window.end, 15 * MINUTE, statesAt);
  return computeHotspots(windowSums(polls, window), {
    metric: 'occupancy',
    resolution: 10,
    windowSeconds: seconds(window),
    ...options,
  });
}

const summary = (hexagons: Hexagon[]) =>
  hexagons.map(({ h3, value, weight, rank, stations, coverage }) => ({ h3, value, weight, rank, stations, coverage }));

describe('two stations in one hexagon', () => {
  const halfPast = at('2025-06-10T08:30+02:00');
  const states = (t: number) => [
    station('A', CELL.hotelDeVille, t < halfPast ? 5 : 8, t < halfPast ? 15 : 12),
    station('B', CELL.hotelDeVille, 0, 10, { ebikes: 0, mechanical: 0 }),
  ];

  it('pools bikes and docks for occupancy', () => {
    const result = hotspotsOf(MORNING_8_TO_9, states);
    const [lat, lon] = cellToLatLng(CELL.hotelDeVille);
    expect(result.stations).toBe(2);
    // The centre to 6 decimals (~0.1 m).
    expect(Math.abs(result.hexagons[0].lat - lat)).toBeLessThanOrEqual(5e-7);
    expect(Math.abs(result.hexagons[0].lon - lon)).toBeLessThanOrEqual(5e-7);
    expect(String(result.hexagons[0].lat).split('.')[1].length).toBeLessThanOrEqual(6);
    expect(result.coverage).toBe(1);
    expect(result.hexagons).toHaveLength(1);
    const [hexagon] = result.hexagons;
    expect(hexagon).toMatchObject({ h3: CELL.hotelDeVille, weight: 1, rank: 1, stations: 2, coverage: 1 });
    // (5·1800 + 8·1800) / (that + 15·1800 + 12·1800 + 10·3600)
    expect(hexagon.value).toBeCloseTo(23_400 / 108_000, 12);
  });

  it('adds per-station averages for bikes and typed bikes, and shares of time for full', () => {
    expect(hotspotsOf(MORNING_8_TO_9, states, { metric: 'bikes' }).hexagons[0].value).toBe(6.5 + 0);
    expect(hotspotsOf(MORNING_8_TO_9, states, { metric: 'ebikes' }).hexagons[0]).toMatchObject({
      value: 0,
      weight: 0,
      stations: 2,
    });
    expect(hotspotsOf(MORNING_8_TO_9, states, { metric: 'full' }).hexagons[0].value).toBe(0);
  });
});

describe('a station that moves to another hexagon at noon', () => {
  const noon = at('2025-06-10T12:00+02:00');
  const movingTo = (afternoonCell: string) => (t: number) => [
    t < noon ? station('M', CELL.hotelDeVille, 4, 16) : station('M', afternoonCell, 10, 10),
  ];

  it('counts in each hexagon with what it did there', () => {
    const result = hotspotsOf(WHOLE_JUNE_10, movingTo(CELL.louvre), { metric: 'bikes' });
    expect(result.stations).toBe(1);
    expect(result.coverage).toBe(1);
    expect(summary(result.hexagons)).toEqual([
      { h3: CELL.louvre, value: 10, weight: 1, rank: 1, stations: 1, coverage: 0.5 },
      { h3: CELL.hotelDeVille, value: 4, weight: 0.4, rank: 2, stations: 1, coverage: 0.5 },
    ]);
  });

  it('splits an hour window around the move, and leaves the morning cell out of the afternoon', () => {
    const aroundNoon = localDayWindow(JUNE_10, 11, 13, PARIS);
    const result = hotspotsOf(aroundNoon, movingTo(CELL.louvre), { metric: 'occupancy' });
    expect(seconds(aroundNoon)).toBe(2 * HOUR);
    expect(result.coverage).toBe(1);
    expect(summary(result.hexagons)).toEqual([
      { h3: CELL.louvre, value: 0.5, weight: 1, rank: 1, stations: 1, coverage: 0.5 },
      { h3: CELL.hotelDeVille, value: 0.2, weight: 0.4, rank: 2, stations: 1, coverage: 0.5 },
    ]);
    const afternoon = hotspotsOf(localDayWindow(JUNE_10, 13, 18, PARIS), movingTo(CELL.louvre));
    expect(afternoon.hexagons.map((hexagon) => hexagon.h3)).toEqual([CELL.louvre]);
    expect(afternoon.hexagons[0].coverage).toBe(1);
  });

  it('stays one station with one average when both cells share the coarser parent', () => {
    expect(cellToParent(CELL.hotelDeVille, 9)).toBe(cellToParent(CELL.hotelDeVilleEast, 9));
    const result = hotspotsOf(WHOLE_JUNE_10, movingTo(CELL.hotelDeVilleEast), { metric: 'bikes', resolution: 9 });
    expect(summary(result.hexagons)).toEqual([
      { h3: cellToParent(CELL.hotelDeVille, 9), value: 7, weight: 1, rank: 1, stations: 1, coverage: 1 },
    ]);
  });
});

describe('coarser resolutions', () => {
  const sixStations = () => [
    station('S1', CELL.hotelDeVille, 2, 8),
    station('S2', CELL.hotelDeVilleEast, 6, 4),
    station('S3', CELL.hotelDeVilleWest, 1, 9),
    station('S4', CELL.chatelet, 9, 1),
    station('S5', CELL.republique, 0, 10),
    station('S6', CELL.louvre, 5, 0),
  ];
  const centre9 = cellToParent(CELL.hotelDeVille, 9);
  const centre7 = cellToParent(CELL.hotelDeVille, 7);
  const louvre7 = cellToParent(CELL.louvre, 7);

  it('relies on these Paris cells nesting as stated', () => {
    expect(new Set(Object.values(CELL)).size).toBe(Object.values(CELL).length);
    expect(cellToParent(CELL.hotelDeVilleEast, 9)).toBe(centre9);
    for (const cell of [CELL.hotelDeVilleWest, CELL.chatelet, CELL.republique]) {
      expect(cellToParent(cell, 9)).not.toBe(centre9);
      expect(cellToParent(cell, 7)).toBe(centre7);
    }
    expect(louvre7).not.toBe(centre7);
  });

  it('keeps every station in its own cell at resolution 10', () => {
    const result = hotspotsOf(MORNING_8_TO_9, sixStations);
    expect(result.hexagons).toHaveLength(6);
    expect(result.stations).toBe(6);
  });

  it('pools the two Hôtel de Ville cells at resolution 9', () => {
    const occupancy = hotspotsOf(MORNING_8_TO_9, sixStations, { resolution: 9 });
    expect(occupancy.hexagons).toHaveLength(5);
    expect(occupancy.hexagons.find((hexagon) => hexagon.h3 === centre9)).toMatchObject({
      value: (2 + 6) / 20,
      weight: 0.4,
      rank: 3,
      stations: 2,
      coverage: 1,
    });
    const bikes = hotspotsOf(MORNING_8_TO_9, sixStations, { metric: 'bikes', resolution: 9 });
    expect(bikes.hexagons.find((hexagon) => hexagon.h3 === centre9)?.value).toBe(8);
  });

  it('pools five stations of central Paris at resolution 7', () => {
    const occupancy = hotspotsOf(MORNING_8_TO_9, sixStations, { resolution: 7 });
    expect(occupancy.stations).toBe(6);
    expect(summary(occupancy.hexagons)).toEqual([
      { h3: louvre7, value: 1, weight: 1, rank: 1, stations: 1, coverage: 1 },
      { h3: centre7, value: 18 / 50, weight: 0.36, rank: 2, stations: 5, coverage: 1 },
    ]);
    const bikes = hotspotsOf(MORNING_8_TO_9, sixStations, { metric: 'bikes', resolution: 7 });
    expect(summary(bikes.hexagons)).toEqual([
      { h3: centre7, value: 18, weight: 1, rank: 1, stations: 5, coverage: 1 },
      { h3: louvre7, value: 5, weight: 5 / 18, rank: 2, stations: 1, coverage: 1 },
    ]);
    const full = hotspotsOf(MORNING_8_TO_9, sixStations, { metric: 'full', resolution: 7 });
    expect(full.hexagons.map(({ h3, value }) => [h3, value])).toEqual([
      [louvre7, 1],
      [centre7, 0],
    ]);
  });

  it('keeps the top N after weighting all hexagons', () => {
    const all = hotspotsOf(MORNING_8_TO_9, sixStations, { metric: 'bikes' });
    const top2 = hotspotsOf(MORNING_8_TO_9, sixStations, { metric: 'bikes', limit: 2 });
    expect(all.hexagons.map((hexagon) => hexagon.value)).toEqual([9, 6, 5, 2, 1, 0]);
    expect(top2.hexagons).toEqual(all.hexagons.slice(0, 2));
    expect(top2.hexagons.map((hexagon) => [hexagon.h3, hexagon.weight, hexagon.rank])).toEqual([
      [CELL.chatelet, 1, 1],
      [CELL.hotelDeVilleEast, 6 / 9, 2],
    ]);
    expect(top2.stations).toBe(6);
    expect(hotspotsOf(MORNING_8_TO_9, sixStations, { limit: 0 }).hexagons).toEqual([]);
  });
});

describe('the empty metric', () => {
  it('is the share of station time with no bike, pooled over the stations of a hexagon', () => {
    const rows = [
      figures('A', CELL.louvre, { observedS: 3600, bikeS: 0, dockS: 72_000, emptyS: 900 }),
      figures('B', CELL.louvre, { observedS: 1800, bikeS: 9000, dockS: 9000, emptyS: 0 }),
      figures('C', CELL.bastille, { observedS: 3600, bikeS: 0, dockS: 36_000, emptyS: 3600 }),
    ];
    const result = computeHotspots(rows, { metric: 'empty', resolution: 10, windowSeconds: HOUR });
    expect(result.hexagons.map(({ h3, value, weight }) => [h3, value, weight])).toEqual([
      [CELL.bastille, 1, 1],
      [CELL.louvre, 900 / 5400, 900 / 5400],
    ]);
  });
});

describe('weights, ranks and coverage', () => {
  const window = HOUR;
  const options = { metric: 'full', resolution: 10, windowSeconds: window } as const;

  it('weights against the largest value, breaks ties by h3 and counts coverage per station', () => {
    const halfWatched = (stationId: string, h3: string) => [
      figures(`${stationId}1`, h3, { observedS: 3600, bikeS: 3600, dockS: 3600, fullS: 900 }),
      figures(`${stationId}2`, h3, { observedS: 1800, bikeS: 1800, dockS: 1800, fullS: 450 }),
    ];
    const rows = [
      figures('X', CELL.hotelDeVille, { observedS: 3600, bikeS: 3600, dockS: 3600, fullS: 1800 }),
      ...halfWatched('Y', CELL.louvre),
      ...halfWatched('Z', CELL.bastille),
    ];
    const result = computeHotspots(rows, options);
    expect(result.stations).toBe(5);
    expect(result.coverage).toBe((3600 + 2 * (3600 + 1800)) / (5 * window));
    const tied = { value: 0.25, weight: 0.5, stations: 2, coverage: 0.75 };
    const [firstTied, secondTied] = [CELL.louvre, CELL.bastille].sort();
    expect(summary(result.hexagons)).toEqual([
      { h3: CELL.hotelDeVille, value: 0.5, weight: 1, rank: 1, stations: 1, coverage: 1 },
      { h3: firstTied, ...tied, rank: 2 },
      { h3: secondTied, ...tied, rank: 3 },
    ]);
    // Input order must not matter.
    expect(computeHotspots([...rows].reverse(), options)).toEqual(result);
  });

  it('lists hexagons whose value is 0, all with weight 0 when nothing scores', () => {
    const rows = [
      figures('A', CELL.louvre, { observedS: 600, bikeS: 600 }),
      figures('B', CELL.hotelDeVille, { observedS: 600, bikeS: 600 }),
    ];
    const result = computeHotspots(rows, options);
    expect(result.hexagons.map(({ h3, weight, rank }) => [h3, weight, rank])).toEqual(
      [CELL.louvre, CELL.hotelDeVille].sort().map((h3, index) => [h3, 0, index + 1]),
    );
  });

  it('leaves out hexagons without typed time for ebikes and mechanical, but counts their stations', () => {
    const rows = [
      figures('T', CELL.louvre, { observedS: 3600, bikeS: 4 * 3600, typedS: 1800, ebikeS: 2 * 1800, mechanicalS: 1800 }),
      figures('U', CELL.louvre, { observedS: 3600, bikeS: 7 * 3600 }),
      figures('V', CELL.bastille, { observedS: 3600, bikeS: 9 * 3600 }),
    ];
    const ebikes = computeHotspots(rows, { ...options, metric: 'ebikes' });
    expect(summary(ebikes.hexagons)).toEqual([
      { h3: CELL.louvre, value: 2, weight: 1, rank: 1, stations: 2, coverage: 1 },
    ]);
    expect(ebikes.stations).toBe(3);
    expect(computeHotspots(rows, { ...options, metric: 'mechanical' }).hexagons[0].value).toBe(1);
    expect(computeHotspots(rows, { ...options, metric: 'bikes' }).hexagons.map((hexagon) => hexagon.value)).toEqual([
      11, 9,
    ]);
  });

  it('does not list a hexagon whose only station reports no bike and no dock', () => {
    const result = hotspotsOf(MORNING_8_TO_9, () => [
      station('A', CELL.hotelDeVille, 3, 3),
      station('Dead', CELL.louvre, 0, 0),
    ]);
    expect(result.hexagons.map((hexagon) => hexagon.h3)).toEqual([CELL.hotelDeVille]);
    expect(result.stations).toBe(1);
  });

  it('returns nothing for a window without observations', () => {
    expect(computeHotspots([], options)).toEqual({ coverage: 0, stations: 0, hexagons: [] });
  });

  it('refuses a cell coarser than the requested resolution', () => {
    const rows = [figures('A', cellToParent(CELL.louvre, 8), { observedS: 60, bikeS: 60 })];
    expect(() => computeHotspots(rows, options)).toThrow(RangeError);
  });
});

describe("a hexagon's name", () => {
  const names = new Map([
    ['A', { name: 'Rivoli', capacity: 20 }],
    ['B', { name: 'Châtelet', capacity: 40 }],
    ['C', { name: 'Halles', capacity: null }],
  ]);

  it('is its largest station, "+ N more" when it has several, and absent without names', () => {
    const rows = [
      figures('A', CELL.louvre, { observedS: 3600, bikeS: 3600, dockS: 3600 }),
      figures('B', CELL.louvre, { observedS: 3600, bikeS: 3600, dockS: 3600 }),
      figures('C', CELL.louvre, { observedS: 3600, bikeS: 3600, dockS: 3600 }),
      figures('C2', CELL.bastille, { observedS: 3600, bikeS: 3600, dockS: 3600 }),
      figures('A', CELL.chatelet, { observedS: 3600, bikeS: 3600, dockS: 3600 }),
    ];
    const labels = computeHotspots(rows, { metric: 'occupancy', resolution: 10, windowSeconds: HOUR, stations: names }).hexagons.map((h) => [h.h3, h.label] as const);
    expect(new Map(labels)).toEqual(
      new Map([
        [CELL.louvre, 'Châtelet + 2 more'],
        [CELL.bastille, undefined],
        [CELL.chatelet, 'Rivoli'],
      ]),
    );
    expect(computeHotspots(rows, { metric: 'occupancy', resolution: 10, windowSeconds: HOUR }).hexagons[0]).not.toHaveProperty('label');
  });
});
