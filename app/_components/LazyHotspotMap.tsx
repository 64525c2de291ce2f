'use client';
/**
 * The map, its code split off the page's first chunk. Rendered on the server (as its placeholder:
 * WebGL draws only in the browser) so that Next names the map's chunks in the page's head: they
 * download with the page's own code instead of after it has run.
 */
import dynamic from 'next/dynamic';
import { MapPlaceholder } from './MapPlaceholder';

export const LazyHotspotMap = dynamic(() => import('./HotspotMap'), { loading: MapPlaceholder });
