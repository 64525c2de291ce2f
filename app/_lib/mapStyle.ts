/**
 * The basemap: NEXT_PUBLIC_MAP_STYLE (a free no-key style by default), NEXT_PUBLIC_MAP_STYLE_DARK
 * when the system asks for dark colours, and, when that cannot load (offline machines, CI), a
 * built-in plain style in the same scheme: a background and a graticule.
 */
import type { StyleSpecification } from 'maplibre-gl';

const DEFAULT_MAP_STYLE_URL = 'https://basemaps.cartocdn.com/gl/positron-gl-style/style.json';
const DEFAULT_DARK_MAP_STYLE_URL = 'https://basemaps.cartocdn.com/gl/dark-matter-gl-style/style.json';

export type ColorScheme = 'light' | 'dark';

/** Inlined at build time by Next.js. */
export const CONFIGURED_MAP_STYLE_URL: string = process.env.NEXT_PUBLIC_MAP_STYLE || DEFAULT_MAP_STYLE_URL;
export const CONFIGURED_DARK_MAP_STYLE_URL: string = process.env.NEXT_PUBLIC_MAP_STYLE_DARK || DEFAULT_DARK_MAP_STYLE_URL;

export function configuredMapStyleUrl(scheme: ColorScheme): string {
  return scheme === 'dark' ? CONFIGURED_DARK_MAP_STYLE_URL : CONFIGURED_MAP_STYLE_URL;
}

/** Served by app/maplibre-gl-worker.mjs/route.ts from the installed maplibre-gl. */
export const MAPLIBRE_WORKER_URL = '/maplibre-gl-worker.mjs';

// The page's map background (globals.css --map-bg) and two greys of grid, per scheme.
const FALLBACK_COLOURS: Record<ColorScheme, { background: string; minor: string; major: string }> = {
  light: { background: '#e6eaee', minor: '#d3d9df', major: '#bcc4cc' },
  dark: { background: '#1b1f26', minor: '#262c35', major: '#353d49' },
};

type Bounds = readonly [number, number, number, number];

/** Lines every `step` degrees over the bounds and a margin around them. */
function graticule([west, south, east, north]: Bounds, step: number, margin: number) {
  const lines: { type: 'Feature'; properties: { major: boolean }; geometry: { type: 'LineString'; coordinates: [number, number][] } }[] = [];
  const [w, s, e, n] = [west - margin, Math.max(-85, south - margin), east + margin, Math.min(85, north + margin)];
  const major = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6;
  for (let lon = Math.ceil(w / step) * step; lon <= e; lon += step) {
    const x = Number(lon.toFixed(6));
    lines.push({ type: 'Feature', properties: { major: major(x) }, geometry: { type: 'LineString', coordinates: [[x, s], [x, n]] } });
  }
  for (let lat = Math.ceil(s / step) * step; lat <= n; lat += step) {
    const y = Number(lat.toFixed(6));
    lines.push({ type: 'Feature', properties: { major: major(y) }, geometry: { type: 'LineString', coordinates: [[w, y], [e, y]] } });
  }
  return { type: 'FeatureCollection' as const, features: lines };
}

/** The offline basemap: plain background, a 0.01° graticule (0.1° stronger) around the system. */
export function fallbackMapStyle(bounds: Bounds | null, scheme: ColorScheme = 'light'): StyleSpecification {
  const colours = FALLBACK_COLOURS[scheme];
  const style: StyleSpecification = {
    version: 8,
    name: 'GBFS Hotspots offline basemap',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': colours.background } }],
  };
  if (bounds) {
    style.sources.graticule = { type: 'geojson', data: graticule(bounds, 0.01, 0.3) };
    style.layers.push({
      id: 'graticule',
      type: 'line',
      source: 'graticule',
      paint: {
        'line-color': ['case', ['get', 'major'], colours.major, colours.minor],
        'line-width': ['case', ['get', 'major'], 1.2, 0.6],
      },
    });
  }
  return style;
}
