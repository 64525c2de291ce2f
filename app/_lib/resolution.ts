/** Which H3 resolution "auto" means at a zoom: about 10-30 px per hexagon across. */
import type { Resolution } from '@/lib/hotspots/types';
import type { ResolutionChoice } from './viewQuery';

function autoResolution(zoom: number): Resolution {
  if (zoom < 11) return 7;
  if (zoom < 12.5) return 8;
  if (zoom < 14) return 9;
  return 10;
}

/** A close zoom at which "auto" still shows this resolution (for flying to a hexagon). */
export const CLOSE_ZOOM: Record<Resolution, number> = { 7: 10.5, 8: 12.2, 9: 13.7, 10: 15.5 };

export function effectiveResolution(choice: ResolutionChoice, zoom: number): Resolution {
  return choice === 'auto' ? autoResolution(zoom) : choice;
}

/** Average hexagon edge length in metres (H3's table), for labels and extrusion heights. */
export const EDGE_METRES: Record<Resolution, number> = { 7: 1406, 8: 531, 9: 201, 10: 76 };
