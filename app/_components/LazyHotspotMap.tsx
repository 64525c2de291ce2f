'use client';
/**
 * The map, loaded in the browser only (WebGL): its code is split off the page's first chunk, and
 * asked for as soon as this module runs, so it downloads while the page asks for its first answer.
 */
import dynamic from 'next/dynamic';

const loadMap = () => import('./HotspotMap');
if (typeof window !== 'undefined') void loadMap();

export const LazyHotspotMap = dynamic(loadMap, {
  ssr: false,
  loading: () => <div className="map-canvas map-canvas--placeholder" aria-hidden="true" />,
});
