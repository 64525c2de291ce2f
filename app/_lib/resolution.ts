/** Which H3 resolution "auto" means at a zoom: about 10-30 px per hexagon across. */
import type { Resolution } from '@/lib/hotspots/types';
import type { ResolutionChoice } from './viewQuery';

/** Each resolution "auto" shows from this zoom up (to the next one's). */
export const AUTO_RESOLUTION_FROM_ZOOM: readonly { resolution: Resolution; fromZoom: number }[] = [
  { resolution: 7, fromZoom: -Infinity },
  { resolution: 8, fromZoom: 11 },
  { resolution: 9, fromZoom: 12.5 },
  { resolution: 10, fromZoom: 14 },
];

function autoResolution(zoom: number): Resolution {
  return AUTO_RESOLUTION_FROM_ZOOM.findLast((step) => zoom >= step.fromZoom)!.resolution;
}

/** A close zoom at which "auto" still shows this resolution (for flying to a hexagon). */
export const CLOSE_ZOOM: Record<Resolution, number> = { 7: 10.5, 8: 12.2, 9: 13.7, 10: 15.5 };

export function effectiveResolution(choice: ResolutionChoice, zoom: number): Resolution {
  return choice === 'auto' ? autoResolution(zoom) : choice;
}

/** Average hexagon edge length in metres (H3's table), for labels and extrusion heights. */
export const EDGE_METRES: Record<Resolution, number> = { 7: 1406, 8: 531, 9: 201, 10: 76 };
