import { describe, expect, it } from 'vitest';
import { centreInArea, frameBounds } from './frameBounds';

const PARIS: [number, number, number, number] = [2.2242, 48.8156, 2.4699, 48.9022];
const project = (lon: number, lat: number, zoom: number) => {
  const scale = 512 * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return { x: ((lon + 180) / 360) * scale, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale };
};

describe('framing a box of stations', () => {
  it('fits the box exactly into the free area beside the panels', () => {
    const size = { width: 1400, height: 900 };
    const padding = { top: 72, right: 24, bottom: 24, left: 360 };
    const view = frameBounds(PARIS, size, padding);
    const centre = project(view.longitude, view.latitude, view.zoom);
    const corner = (lon: number, lat: number) => {
      const p = project(lon, lat, view.zoom);
      return { x: size.width / 2 + p.x - centre.x, y: size.height / 2 + p.y - centre.y };
    };
    const topLeft = corner(PARIS[0], PARIS[3]);
    const bottomRight = corner(PARIS[2], PARIS[1]);
    // The limiting side touches its padding; the other stays inside.
    expect(topLeft.x).toBeCloseTo(padding.left, 0);
    expect(bottomRight.x).toBeCloseTo(size.width - padding.right, 0);
    expect(topLeft.y).toBeGreaterThanOrEqual(padding.top - 0.5);
    expect(bottomRight.y).toBeLessThanOrEqual(size.height - padding.bottom + 0.5);
    // The box's centre sits at the centre of the free area, vertically as well.
    expect((topLeft.y + bottomRight.y) / 2).toBeCloseTo((padding.top + size.height - padding.bottom) / 2, 0);
  });

  it('does not zoom past the limit for a single station', () => {
    const view = frameBounds([2.35, 48.85, 2.35, 48.85], { width: 800, height: 600 }, { top: 0, right: 0, bottom: 0, left: 0 }, 15);
    expect(view.zoom).toBe(15);
    expect(view.longitude).toBeCloseTo(2.35, 6);
    expect(view.latitude).toBeCloseTo(48.85, 6);
  });

  it('puts a picked place at the centre of what the open panel leaves (a phone: above the bottom sheet)', () => {
    const size = { width: 390, height: 844 };
    const padding = { top: 110, right: 0, bottom: 506, left: 0 };
    const target = { longitude: 2.31466, latitude: 48.93297, zoom: 10.5, pitch: 0, bearing: 0 };
    const view = centreInArea(target, size, padding);
    const centre = project(view.longitude, view.latitude, view.zoom);
    const p = project(target.longitude, target.latitude, target.zoom);
    const onScreen = { x: size.width / 2 + p.x - centre.x, y: size.height / 2 + p.y - centre.y };
    expect(onScreen.x).toBeCloseTo(195, 3);
    expect(onScreen.y).toBeCloseTo((110 + 844 - 506) / 2, 3);
    expect(view.zoom).toBe(10.5);
  });
});
