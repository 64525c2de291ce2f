/** The Web Mercator view that fits a [west, south, east, north] box into a screen area. */
import type { MapView } from './viewQuery';

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** deck.gl and MapLibre use 512-pixel tiles: the world is 512 × 2^zoom pixels wide. */
const TILE_SIZE = 512;

const mercatorX = (lon: number) => (lon + 180) / 360;
const mercatorY = (lat: number) => {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
};
const latitudeOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

export function frameBounds(
  [west, south, east, north]: readonly [number, number, number, number],
  size: { width: number; height: number },
  padding: Padding,
  maxZoom = 16,
): MapView {
  const usableWidth = Math.max(50, size.width - padding.left - padding.right);
  const usableHeight = Math.max(50, size.height - padding.top - padding.bottom);
  const [x0, x1] = [mercatorX(west), mercatorX(east)];
  const [y0, y1] = [mercatorY(north), mercatorY(south)];
  const spanX = Math.max(1e-9, x1 - x0);
  const spanY = Math.max(1e-9, y1 - y0);
  const zoom = Math.min(maxZoom, Math.log2(Math.min(usableWidth / spanX, usableHeight / spanY) / TILE_SIZE));
  const scale = TILE_SIZE * 2 ** zoom;
  // The box's centre sits at the centre of the usable area: shift the map centre accordingly.
  const centerX = (x0 + x1) / 2 - (padding.left - padding.right) / 2 / scale;
  const centerY = (y0 + y1) / 2 - (padding.top - padding.bottom) / 2 / scale;
  return { longitude: centerX * 360 - 180, latitude: latitudeOf(centerY), zoom, pitch: 0, bearing: 0 };
}

/**
 * The usable area (the screen less its padding) in which frameBounds reaches at least `zoom`: the
 * inverse of its zoom, for naming the zoom of a screen not yet known (a media query).
 */
export function areaForZoom([west, south, east, north]: readonly [number, number, number, number], zoom: number): { width: number; height: number } {
  const scale = TILE_SIZE * 2 ** zoom;
  return {
    width: Math.max(1e-9, mercatorX(east) - mercatorX(west)) * scale,
    height: Math.max(1e-9, mercatorY(south) - mercatorY(north)) * scale,
  };
}

/**
 * The camera that shows `target` at the centre of the screen area the padding leaves (pitch 0):
 * a hexagon picked from the list lands where the open panel does not cover it.
 */
export function centreInArea(target: MapView, size: { width: number; height: number }, padding: Padding): MapView {
  const scale = TILE_SIZE * 2 ** target.zoom;
  const centerX = mercatorX(target.longitude) - (padding.left - padding.right) / 2 / scale;
  const centerY = mercatorY(target.latitude) - (padding.top - padding.bottom) / 2 / scale;
  return { ...target, longitude: centerX * 360 - 180, latitude: latitudeOf(centerY) };
}
