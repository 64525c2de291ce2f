'use client';
/** The map, loaded in the browser only (WebGL): its code is split off the page's first chunk. */
import dynamic from 'next/dynamic';

export const LazyHotspotMap = dynamic(() => import('./HotspotMap'), {
  ssr: false,
  loading: () => <div className="map-canvas map-canvas--placeholder" aria-hidden="true" />,
});
