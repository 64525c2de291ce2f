import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_QUERY, parseViewQuery, serializeViewQuery, type ViewQuery } from './viewQuery';

describe('the view in the query string', () => {
  it('round-trips every part of the view', () => {
    const view: ViewQuery = {
      system: 'velib',
      date: '2025-06-03',
      period: null,
      weekdays: null,
      base: null,
      from: 7,
      to: 10,
      metric: 'full',
      resolution: 9,
      view: { latitude: 48.85661, longitude: 2.35222, zoom: 13.25, pitch: 40, bearing: -20 },
      h3: '891fb4663cbffff',
      extruded: true,
      mode: 'history',
      hour: 1,
    };
    const search = serializeViewQuery(view);
    expect(search).toBe('system=velib&date=2025-06-03&from=7&to=10&metric=full&resolution=9&lat=48.85661&lon=2.35222&zoom=13.25&pitch=40&bearing=-20&h3=891fb4663cbffff&3d=1');
    expect(parseViewQuery(Object.fromEntries(new URLSearchParams(search)))).toEqual(view);
  });

  it('opens /?system=velib&date=2025-06-03 on that day with everything else at its default', () => {
    expect(parseViewQuery({ system: 'velib', date: '2025-06-03' })).toEqual({ ...DEFAULT_VIEW_QUERY, system: 'velib', date: '2025-06-03' });
  });

  it('drops what it cannot read instead of failing the page', () => {
    const parsed = parseViewQuery({
      system: "'; drop table stations; --",
      date: '../../etc/passwd',
      from: '12',
      to: '9',
      metric: 'speed',
      resolution: '11',
      lat: 'NaN',
      lon: '2.3',
      zoom: '12',
      h3: '<script>',
    });
    expect(parsed).toEqual(DEFAULT_VIEW_QUERY);
  });

  it('drops what the API would refuse even when it has the right shape: a day that does not exist', () => {
    expect(parseViewQuery({ date: '2025-02-30' }).date).toBeNull();
    expect(parseViewQuery({ date: '2024-02-29' }).date).toBe('2024-02-29');
  });

  it('keeps a valid window and takes the first of repeated parameters', () => {
    expect(parseViewQuery({ from: ['8', '3'], to: '24', metric: ['bikes', 'full'] })).toMatchObject({ from: 8, to: 24, metric: 'bikes' });
  });

  it('holds a period, its weekdays and a base period with the API\'s names, and drops a period the API would refuse', () => {
    const query = parseViewQuery({ system: 'velib', start: '2026-03-23', end: '2026-03-29', weekdays: '1,2,3,4,5', baseStart: '2026-03-16', baseEnd: '2026-03-22' });
    expect(query).toMatchObject({ period: { start: '2026-03-23', end: '2026-03-29' }, weekdays: [1, 2, 3, 4, 5], base: { start: '2026-03-16', end: '2026-03-22' } });
    expect(serializeViewQuery(query)).toBe('system=velib&start=2026-03-23&end=2026-03-29&weekdays=1%2C2%2C3%2C4%2C5&baseStart=2026-03-16&baseEnd=2026-03-22&from=0&to=24&metric=occupancy&resolution=auto');
    expect(parseViewQuery(Object.fromEntries(new URLSearchParams(serializeViewQuery(query))))).toEqual(query);
    expect(parseViewQuery({ start: '2026-03-29', end: '2026-03-23' }).period).toBeNull();
    expect(parseViewQuery({ start: '2024-01-01', end: '2025-06-01' }).period).toBeNull();
    expect(parseViewQuery({ weekdays: '8' }).weekdays).toBeNull();
  });

  it('holds Forecast mode and its hour (mode=forecast&hour=3), restored as written; History mode writes neither', () => {
    const query = parseViewQuery({ system: 'velib', mode: 'forecast', hour: '3', resolution: '9' });
    expect(query).toMatchObject({ mode: 'forecast', hour: 3, resolution: 9 });
    const search = serializeViewQuery(query);
    expect(search).toBe('system=velib&mode=forecast&hour=3&from=0&to=24&metric=occupancy&resolution=9');
    expect(parseViewQuery(Object.fromEntries(new URLSearchParams(search)))).toEqual(query);
    expect(serializeViewQuery({ ...query, mode: 'history' })).not.toMatch(/mode|hour/);
    // The day view's own parameters stay beside the mode: switching back finds the same day.
    expect(parseViewQuery({ mode: 'forecast', hour: '24', date: '2025-06-03' })).toMatchObject({ mode: 'forecast', hour: 24, date: '2025-06-03' });
  });

  it('falls back to History and +1 h on a mode or hour it cannot read', () => {
    expect(parseViewQuery({ mode: 'future', hour: '3' })).toMatchObject({ mode: 'history', hour: 3 });
    for (const hour of ['0', '25', '-1', '2.5', 'x', '']) expect(parseViewQuery({ mode: 'forecast', hour }).hour).toBe(1);
  });
});
