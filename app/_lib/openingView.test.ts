import { describe, expect, it } from 'vitest';
import type { SystemsResponse } from '@/lib/systems/schemas';
import { effectiveResolution } from './resolution';
import { DEFAULT_VIEW_QUERY } from './viewQuery';
import { framedResolutionMedia, frameSystem, openingHotspotsPreloads } from './openingView';

const PARIS: [number, number, number, number] = [2.2242, 48.8156, 2.4699, 48.9022];
/** A city of a few streets: framed, it opens close in. */
const SMALL_TOWN: [number, number, number, number] = [2.33, 48.85, 2.345, 48.857];

/** The media queries these functions write (width, height, and, or, not, all), evaluated for one screen. */
function matches(media: string, width: number, height: number): boolean {
  const js = media
    .replace(/\(width (>=|<) ([\d.]+)px\)/g, '(width $1 $2)')
    .replace(/\(height (>=|<) ([\d.]+)px\)/g, '(height $1 $2)')
    .replace(/\bnot all\b/g, 'false')
    .replace(/\ball\b/g, 'true')
    .replace(/\band\b/g, '&&')
    .replace(/\bor\b/g, '||')
    .replace(/\bnot\b/g, '!');
  expect(js).toMatch(/^[\s\d.()<>=!&|a-z]+$/);
  return new Function('width', 'height', `return ${js};`)(width, height) as boolean;
}

const SCREENS = [
  { width: 390, height: 844 },
  { width: 360, height: 640 },
  { width: 820, height: 1180 },
  { width: 899, height: 1300 },
  { width: 900, height: 700 },
  { width: 1280, height: 800 },
  { width: 1400, height: 900 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1600 },
  { width: 5000, height: 5000 },
];

describe('the resolution a framed system opens at, as media queries', () => {
  for (const [name, bounds] of [['Paris', PARIS], ['a small town', SMALL_TOWN]] as const) {
    it(`names, for every screen, exactly the resolution the page's framing gives (${name})`, () => {
      const queries = framedResolutionMedia(bounds);
      const seen = new Set<number>();
      for (const size of SCREENS) {
        const expected = effectiveResolution('auto', frameSystem({ bounds, center: null }, size)!.zoom);
        const matching = queries.filter((q) => matches(q.media, size.width, size.height)).map((q) => q.resolution);
        expect(matching, `${size.width}×${size.height}`).toEqual([expected]);
        seen.add(expected);
      }
      // The screens above do reach more than one resolution, so the test tells them apart.
      expect(seen.size).toBeGreaterThan(1);
    });
  }
});

const velib = {
  id: 'velib',
  firstDay: '2026-12-05',
  lastDay: '2026-12-07',
  bounds: PARIS,
  center: { lat: 48.86, lon: 2.35 },
} as unknown as SystemsResponse['systems'][number];

describe('the first hotspots answer named for the browser to preload', () => {
  it('is the newest complete day, one URL per resolution the framing can give', () => {
    const preloads = openingHotspotsPreloads([velib], DEFAULT_VIEW_QUERY);
    expect(preloads.map((p) => p.href)).toEqual([7, 8, 9, 10].map((r) => `/api/hotspots?system=velib&date=2026-12-06&metric=occupancy&resolution=${r}`));
    expect(preloads.every((p) => p.media)).toBe(true);
  });

  it('is a single URL when the view fixes the zoom or the resolution, and none in Forecast mode', () => {
    const view = { latitude: 48.86, longitude: 2.35, zoom: 13, pitch: 0, bearing: 0 };
    expect(openingHotspotsPreloads([velib], { ...DEFAULT_VIEW_QUERY, view, date: '2026-12-05', metric: 'full' })).toEqual([
      { href: '/api/hotspots?system=velib&date=2026-12-05&metric=full&resolution=9' },
    ]);
    expect(openingHotspotsPreloads([velib], { ...DEFAULT_VIEW_QUERY, resolution: 10 })).toEqual([
      { href: '/api/hotspots?system=velib&date=2026-12-06&metric=occupancy&resolution=10' },
    ]);
    expect(openingHotspotsPreloads([velib], { ...DEFAULT_VIEW_QUERY, mode: 'forecast' })).toEqual([]);
    expect(openingHotspotsPreloads([], DEFAULT_VIEW_QUERY)).toEqual([]);
  });
});
