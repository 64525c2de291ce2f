import { describe, expect, it } from 'vitest';
import { ApiError } from './apiClient';
import { colorForWeight, rampColor } from './colorRamp';
import { forecastNotice, type ForecastNoticeInput } from './explorerNotice';
import { forecastMapResponseSchema, forecastResponseSchema, type ForecastMapResponse } from '@/lib/forecast/schemas';
import {
  backtestSentence,
  clockOfHourLabel,
  bikesWithInterval,
  riderChances,
  forecastColorDomain,
  forecastHourLabel,
  forecastHourLead,
  forecastMapHexagons,
  hexagonAt,
  hexagonIndex,
  formatHours,
  historyShortfall,
  horizonFor,
  liveSentence,
  modelSentence,
  nextForecastHour,
  resolutionOf,
  shortfallMessage,
  stationsInHexagon,
  type ErrorReport,
  type ForecastColumns,
  type ForecastStation,
} from './forecastView';
import type { SystemInfo } from './useSystems';

const hours = (f: (k: number) => number) => Array.from({ length: 24 }, (_, k) => f(k));
const flat = (v: number) => hours(() => v);

// Two resolution-10 cells of central Paris, and the resolution-9 parent of the first.
const CELL_A = '8a1fb4662557fff';
const CELL_B = '8a1fb466200ffff';
const PARENT_A = '891fb466257ffff';
const PARENT_B = '891fb466203ffff';

interface HexagonRow {
  h3: string;
  occupancy: number[];
  pFull: number[];
  pEmpty: number[];
  bikes: number[];
  capacity: number;
  stations: number;
  label: string | null;
}

function hexagon(h3: string, occupancy: number[], patch: Partial<HexagonRow> = {}): HexagonRow {
  return { h3, occupancy, pFull: flat(0.1), pEmpty: flat(0.05), bikes: occupancy.map((o) => o * 20), capacity: 20, stations: 2, label: null, ...patch };
}

/** Hexagons as the map's answer sends them: a column per field, a row per hour. */
function columnsOf(rows: HexagonRow[]): ForecastColumns {
  const perHour = (pick: (row: HexagonRow) => number[]) => hours((k) => k).map((k) => rows.map((row) => pick(row)[k]));
  return {
    h3: rows.map((r) => r.h3),
    lat: rows.map(() => 48.86),
    lon: rows.map(() => 2.35),
    stations: rows.map((r) => r.stations),
    label: rows.map((r) => r.label),
    capacity: rows.map((r) => r.capacity),
    occupancy: perHour((r) => r.occupancy),
    bikes: perHour((r) => r.bikes),
    pFull: perHour((r) => r.pFull),
    pEmpty: perHour((r) => r.pEmpty),
  };
}

function station(h3: string, bikes: number[], capacity = 20): ForecastStation {
  return { id: h3.slice(-4), name: `S ${h3.slice(-4)}`, h3, capacity, model: 'persistence', bikes, docks: bikes.map((b) => capacity - b), pFull: flat(0), pEmpty: flat(0), bikesLow: bikes.map(Math.floor), bikesHigh: bikes.map(Math.ceil) };
}

const report = (horizons: [number, number | null, number | null, number | null][], origins = 40): ErrorReport => ({
  origins,
  horizons: horizons.map(([h, model, persistence, seasonal]) => ({ hours: h, mae: { model, persistence, seasonal } })),
});

describe('the hour slider', () => {
  it('plays +1 … +24 h and loops back to +1 h', () => {
    const seen = [1];
    for (let i = 0; i < 24; i++) seen.push(nextForecastHour(seen[seen.length - 1]));
    expect(seen).toEqual([...hours((k) => k + 1), 1]);
  });

  it('names the whole local hour a forecast hour stands for, in the system\'s zone', () => {
    // Thursday 3 Dec 2026, 11:27 in Paris (10:27 UTC): the third hour is 14:00–15:00.
    expect(forecastHourLabel('2026-12-03T10:27:00Z', 3, 'Europe/Paris')).toBe('Thu 14:00–15:00');
    expect(forecastHourLabel('2026-12-03T10:27:00Z', 13, 'Europe/Paris')).toBe('Fri 00:00–01:00');
    expect(forecastHourLabel('2026-12-03T10:27:00Z', 1, 'America/New_York')).toBe('Thu 06:00–07:00');
    // Across the autumn change in Paris (25 Oct 2026, 03:00 CEST → 02:00 CET): every hour is named once as it passes.
    expect(hours((k) => k + 1).slice(0, 4).map((h) => forecastHourLabel('2026-10-24T23:10:00Z', h, 'Europe/Paris'))).toEqual([
      'Sun 02:00–02:00',
      'Sun 02:00–03:00',
      'Sun 03:00–04:00',
      'Sun 04:00–05:00',
    ]);
    expect(forecastHourLabel('not a time', 3, 'Europe/Paris')).toBe('hour 3 of 24');
    expect(forecastHourLabel('2026-12-03T10:27:00Z', 3, 'Not/AZone')).toBe('hour 3 of 24');
  });

  it('says how far the hour is from the poll, never "+1 h" for an hour that starts 20 minutes after it', () => {
    // A poll at 03:40 in Paris (Monday 7 Dec 2026, 02:40 UTC): the first hour forecast is 04:00–05:00.
    expect(forecastHourLabel('2026-12-07T02:40:00Z', 1, 'Europe/Paris')).toBe('Mon 04:00–05:00');
    expect(forecastHourLead('2026-12-07T02:40:00Z', 1, 'Europe/Paris')).toBe('starts 20 min after the poll');
    expect(forecastHourLead('2026-12-07T02:40:00Z', 6, 'Europe/Paris')).toBe('starts 5 h 20 min after the poll');
    // A poll on the hour: its hour is the poll's own, the first forecast hour the next.
    expect(forecastHourLead('2026-12-07T03:00:00Z', 1, 'Europe/Paris')).toBe('starts 1 h after the poll');
    // A zone half an hour off UTC counts from its own hours.
    expect(forecastHourLabel('2026-12-07T02:40:00Z', 1, 'Asia/Kolkata')).toBe('Mon 09:00–10:00');
    expect(forecastHourLead('2026-12-07T02:40:00Z', 1, 'Asia/Kolkata')).toBe('starts 50 min after the poll');
    expect(forecastHourLead('not a time', 1, 'Europe/Paris')).toBeNull();
  });
});

describe('what the map colours', () => {
  const hexagons = columnsOf([hexagon(CELL_A, hours((k) => k / 23)), hexagon(CELL_B, hours((k) => 1 - k / 23)), hexagon(PARENT_A, flat(0.5))]);

  it('draws the expected occupancy of the chosen hour, ranked by it', () => {
    const first = forecastMapHexagons(hexagons, 1);
    expect(first.map((h) => [h.h3, h.value, h.rank])).toEqual([
      [CELL_B, 1, 1],
      [PARENT_A, 0.5, 2],
      [CELL_A, 0, 3],
    ]);
    const last = forecastMapHexagons(hexagons, 24);
    expect(last.map((h) => [h.h3, h.value, h.rank])).toEqual([
      [CELL_A, 1, 1],
      [PARENT_A, 0.5, 2],
      [CELL_B, 0, 3],
    ]);
    expect(last[0]).toMatchObject({ weight: 1, stations: 2, coverage: 1, lat: 48.86, lon: 2.35 });
    // Ties go to the hexagon with more stations.
    const tied = forecastMapHexagons(columnsOf([hexagon(CELL_A, flat(1), { stations: 1 }), hexagon(CELL_B, flat(1), { stations: 3, label: 'Gare' })]), 5);
    expect(tied.map((h) => [h.h3, h.rank, h.label])).toEqual([
      [CELL_B, 1, 'Gare'],
      [CELL_A, 2, undefined],
    ]);
  });

  it('stretches the colours over all 24 hours, so that a colour is the same occupancy at every hour', () => {
    const narrow = columnsOf([hexagon(CELL_A, hours((k) => (k < 12 ? 0.2 : 0.6)))]);
    const domain = forecastColorDomain(narrow);
    expect(domain).toEqual({ minWeight: 0.2, maxWeight: 0.6, minValue: 0.2, maxValue: 0.6 });
    const [morning] = forecastMapHexagons(narrow, 1);
    const [evening] = forecastMapHexagons(narrow, 24);
    expect(colorForWeight(morning.weight, domain!)).toEqual(rampColor(0));
    expect(colorForWeight(evening.weight, domain!)).toEqual(rampColor(1));
    expect(forecastColorDomain(columnsOf([]))).toBeNull();
  });

  it("gives a hexagon's figures at the chosen hour: occupancy, chances, its stations' bikes and free docks", () => {
    const columns = columnsOf([hexagon(CELL_A, flat(0.5)), hexagon(CELL_B, hours((k) => k / 23), { bikes: hours((k) => k + 0.5), capacity: 30, pFull: flat(0.2), label: 'Gare' })]);
    const index = hexagonIndex(columns);
    expect(index.get(CELL_B)).toBe(1);
    expect(index.get(PARENT_A)).toBeUndefined();
    expect(hexagonAt(columns, index.get(CELL_B)!, 3)).toEqual({ h3: CELL_B, label: 'Gare', stations: 2, occupancy: 2 / 23, pFull: 0.2, pEmpty: 0.05, bikes: 2.5, docks: 27.5 });
  });

  it('lists the stations inside a hexagon of any resolution, most bikes at the hour first', () => {
    const stations = [station(CELL_A, flat(4)), station(CELL_A, hours((k) => k)), station(CELL_B, flat(10), 30)];
    expect(stationsInHexagon(stations, PARENT_A, 1).map((s) => s.bikes[0])).toEqual([4, 0]);
    expect(stationsInHexagon(stations, PARENT_A, 10).map((s) => s.bikes[9])).toEqual([9, 4]);
    expect(stationsInHexagon(stations, PARENT_B, 1)).toHaveLength(1);
    expect(stationsInHexagon(stations, CELL_B, 1)).toHaveLength(1);
    expect(stationsInHexagon(stations, 'nonsense', 1)).toEqual([]);
    // A station given coarser than the hexagon cannot be placed in it: left out.
    expect(stationsInHexagon([station(PARENT_A, flat(4))], CELL_A, 1)).toEqual([]);
    expect(resolutionOf([{ h3: PARENT_A }])).toBe(9);
    expect(resolutionOf([])).toBeNull();
  });
});

describe('the legend, in words', () => {
  const backtest = report([
    [1, 1.234, 1.5, 2.1],
    [3, 1.8, 2.2, 2.0],
    [6, 2.3, 3.0, 2.4],
    [24, 2.6, 3.4, 2.6],
  ]);

  it('says how far off the backtest was at the slider\'s hour, beside both baselines', () => {
    expect(backtestSentence(backtest, 3)).toBe('Backtest: off by 1.8 bikes per station at +3 h (staying as now: 2.2, usual for the hour: 2.0).');
    expect(backtestSentence(backtest, 1)).toBe('Backtest: off by 1.2 bikes per station at +1 h (staying as now: 1.5, usual for the hour: 2.1).');
  });

  it('uses the scored horizon nearest to the hour, and says so', () => {
    expect(horizonFor(backtest, 4)?.hours).toBe(3);
    expect(horizonFor(backtest, 15)?.hours).toBe(6);
    expect(horizonFor(backtest, 16)?.hours).toBe(24);
    expect(backtestSentence(backtest, 4)).toBe('Backtest: off by 1.8 bikes per station at +3 h, the horizon scored nearest to +4 h (staying as now: 2.2, usual for the hour: 2.0).');
  });

  it('says when nothing was scored, and leaves out a baseline without a figure', () => {
    expect(backtestSentence(null, 3)).toBe('Backtest: not scored yet (too little history to replay).');
    expect(backtestSentence(report([[3, null, null, null]]), 3)).toBe('Backtest: not scored yet (too little history to replay).');
    expect(backtestSentence(report([[3, 1.8, null, 2]]), 3)).toBe('Backtest: off by 1.8 bikes per station at +3 h (usual for the hour: 2.0).');
    expect(backtestSentence(report([[3, 1.8, null, null]]), 3)).toBe('Backtest: off by 1.8 bikes per station at +3 h.');
  });

  it('gives the live error over the forecasts scored so far', () => {
    expect(liveSentence(report([[3, 1.94, 2.2, 2.0]], 40), 3)).toBe('Live so far: 1.9 over 40 forecasts (staying as now: 2.2).');
    expect(liveSentence(report([[1, 1.0, 1.1, 2.0]], 1), 3)).toBe('Live so far: 1.0 at +1 h over 1 forecast (staying as now: 1.1).');
    expect(liveSentence(report([[3, null, null, null]], 0), 3)).toBe('Live so far: no forecast scored yet; each is scored once the polls of its hour arrive.');
    expect(liveSentence(null, 3)).toMatch(/^Live so far: no forecast scored yet/);
    // Counted per horizon where the report says so: a +24 h forecast is scored a day after the +1 h one.
    const live = { origins: 30, horizons: [{ hours: 1, origins: 30, mae: { model: 1.1, persistence: 1.3, seasonal: 2 } }, { hours: 24, origins: 0, mae: { model: null, persistence: null, seasonal: null } }] };
    expect(liveSentence(live, 1)).toBe('Live so far: 1.1 over 30 forecasts (staying as now: 1.3).');
    expect(liveSentence(live, 24)).toMatch(/^Live so far: no forecast scored yet/);
  });

  it('says which model answered, for how many stations, and when it was fitted', () => {
    const model = { name: 'seasonal+decay', fittedAt: '2026-12-03T02:00:00Z', history: { start: '2026-11-05T00:00:00Z', end: '2026-12-03T00:00:00Z' }, answeredBy: { 'seasonal+decay': 1412, persistence: 88 } };
    expect(modelSentence(model, 'Europe/Paris')).toBe(
      "Model: each station's usual level for the weekday and hour, plus today's difference from it fading hour by hour, each weighed by how well it held at that hour over the last two weeks; it answered for 1,412 stations, persistence for 88 stations. Fitted Thu 3 Dec 2026 on the history from Thu 5 Nov 2026 to Thu 3 Dec 2026.",
    );
    expect(modelSentence({ name: 'persistence', fittedAt: null, history: null, answeredBy: { persistence: 1 } }, 'Europe/Paris')).toBe(
      'Model: bikes staying as they are now (too little history yet for a profile); it answered for 1 station.',
    );
    expect(modelSentence({ name: 'gbm', fittedAt: null, history: null }, 'UTC')).toBe('Model: gbm.');
  });
});

describe('too little history (409)', () => {
  const shortfall = new ApiError('not enough history to forecast: 5.3 hours of polls, 24 needed', 409, 'not_enough_history', undefined, {
    code: 'not_enough_history',
    message: '…',
    history: { hours: 5.3 },
    needed: { hours: 24 },
  });

  it('reads the figures of the answer and says them', () => {
    expect(historyShortfall(shortfall)).toEqual({ history: 5.3, needed: 24 });
    expect(shortfallMessage({ history: 5.3, needed: 24 })).toBe('Not enough history to forecast yet: 5 h of polls, 24 h needed.');
    expect(shortfallMessage({ history: 100, needed: 504 })).toBe('Not enough history to forecast yet: 4 d 4 h of polls, 21 days needed.');
    expect(historyShortfall(new ApiError('x', 409, 'not_enough_history'))).toEqual({ history: NaN, needed: NaN });
    expect(shortfallMessage({ history: NaN, needed: NaN })).toBe('Not enough history to forecast yet.');
    expect(historyShortfall(new ApiError('no system', 404, 'not_found'))).toBeNull();
    expect(historyShortfall(null)).toBeNull();
    expect(formatHours(0)).toBe('0 h');
    expect(formatHours(47.9)).toBe('47 h');
    expect(formatHours(48)).toBe('2 days');
  });

  const velib = { id: 'velib', name: 'Vélib', timezone: 'Europe/Paris' } as SystemInfo;
  const retry = () => undefined;
  const input = (forecast: Partial<ForecastNoticeInput['forecast']>): ForecastNoticeInput => ({
    systems: { data: { systems: [velib] }, dataUrl: '/api/systems', loading: false, error: null, retry },
    requestedSystem: null,
    system: velib,
    forecast: { data: null, dataUrl: null, url: '/api/forecast?system=velib&resolution=9', loading: false, error: null, retry, ...forecast },
    showSystem: () => undefined,
    showHistory: () => undefined,
  });

  it('shows the shortfall on the map instead of an empty map, with the way back to the history', () => {
    const notice = forecastNotice(input({ error: shortfall }));
    expect(notice).toMatchObject({ kind: 'empty', message: 'Not enough history to forecast yet: 5 h of polls, 24 h needed.', action: { label: 'Show the history' } });
  });

  it('says what loads, what failed and when there is nothing to draw', () => {
    expect(forecastNotice(input({ loading: true }))).toEqual({ kind: 'loading', message: 'Loading the forecast of Vélib…' });
    expect(forecastNotice(input({ error: new ApiError('there is no system "x"', 404, 'not_found') }))).toMatchObject({
      kind: 'error',
      message: 'Could not load the forecast of Vélib: there is no system "x" (HTTP 404).',
    });
    const empty = { system: 'velib', hexagons: columnsOf([]) } as unknown as ForecastMapResponse;
    expect(forecastNotice(input({ data: empty, dataUrl: '/api/forecast?system=velib&resolution=9' }))).toMatchObject({ kind: 'empty' });
    const some = { system: 'velib', hexagons: columnsOf([hexagon(CELL_A, flat(0.5))]) } as unknown as ForecastMapResponse;
    expect(forecastNotice(input({ data: some, dataUrl: '/api/forecast?system=velib&resolution=9' }))).toBeNull();
    expect(forecastNotice({ ...input({}), system: null, requestedSystem: 'atlantis' })).toMatchObject({ kind: 'error', message: expect.stringContaining('atlantis') });
  });
});

describe('the answer as the API sends it', () => {
  it("reads with the API's own schemas, nulls where nothing was scored yet (and these tests' hexagons and stations are of their shape)", () => {
    const head = {
      system: 'velib',
      timezone: 'Europe/Paris',
      issuedAt: '2026-12-03T10:27:00.000Z',
      horizonHours: hours((k) => k + 1),
      resolution: 10,
      h3: null,
      model: { name: 'persistence', answeredBy: { persistence: 2 }, fittedAt: '2026-12-03T10:27:00.000Z', history: { start: '2026-12-01T10:00:00.000Z', end: '2026-12-03T10:00:00.000Z' } },
      backtest: { days: 1, origins: 120, horizons: [{ hours: 1, mae: { model: 1.2, persistence: 1.2, seasonal: null } }] },
      live: { since: '2026-12-03T10:00:00.000Z', origins: 0, horizons: [{ hours: 1, origins: 0, mae: { model: null, persistence: null, seasonal: null } }] },
    };
    const map = forecastMapResponseSchema.parse({ ...head, stations: 1, hexagons: columnsOf([hexagon(CELL_A, flat(0.15), { label: 'S 557f' })]) });
    expect(map.hexagons.label[0]).toBe('S 557f');
    expect(liveSentence(map.live, 1)).toMatch(/no forecast scored yet/);
    const full = forecastResponseSchema.parse({ ...head, h3: CELL_A, stations: [{ ...station(CELL_A, flat(3)), model: 'persistence' }], hexagons: [] });
    expect(stationsInHexagon(full.stations, CELL_A, 1)).toHaveLength(1);
  });
});

describe("the rider's words", () => {
  it('says the chances of a bike and of a free dock, the complements of empty and full', () => {
    expect(riderChances(0.18, 0.03, '08:00')).toBe('bike available at 08:00: 82 % · free dock: 97 %');
    // A chance the model left open is never shown as certain.
    expect(riderChances(0.001, 0.999, null)).toBe('bike available: 99 % · free dock: 1 %');
    expect(riderChances(0, 1, '23:00')).toBe('bike available at 23:00: 100 % · free dock: 0 %');
  });

  it('gives the expected bikes with the 80 % interval', () => {
    expect(bikesWithInterval(11.6, 8, 15)).toBe('12 bikes, likely 8–15');
    expect(bikesWithInterval(1.2, 1, 1)).toBe('1 bike, likely exactly 1');
  });

  it('names the local hour of a forecast hour', () => {
    expect(clockOfHourLabel(forecastHourLabel('2026-06-10T05:37:00Z', 1, 'Europe/Paris'))).toBe('08:00');
    expect(clockOfHourLabel('hour 1 of 24')).toBeNull();
  });
});
