import type { WindowFigures } from './types';

export interface StationFigures {
  observedS: number;
  occupancy: number | null;
  bikes: number | null;
  ebikes: number | null;
  mechanical: number | null;
  full: number | null;
}

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);

/** One station's metrics over a window (the per-station terms of the hexagon metrics). */
export function stationFigures(f: WindowFigures): StationFigures {
  return {
    observedS: f.observedS,
    occupancy: ratio(f.bikeS, f.bikeS + f.dockS),
    bikes: ratio(f.bikeS, f.observedS),
    ebikes: ratio(f.ebikeS, f.typedS),
    mechanical: ratio(f.mechanicalS, f.typedS),
    full: ratio(f.fullS, f.observedS),
  };
}
