import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_QUERY, parseViewQuery, serializeViewQuery, type ViewQuery } from './viewQuery';

describe('the view in the query string', () => {
  it('round-trips every part of the view', () => {
    const view: ViewQuery = {
      system: 'velib',
      date: '2025-06-03',
      from: 7,
      to: 10,
      metric: 'full',
      resolution: 9,
      view: { latitude: 48.85661, longitude: 2.35222, zoom: 13.25, pitch: 40, bearing: -20 },
      h3: '891fb4663cbffff',
      extruded: true,
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
});
