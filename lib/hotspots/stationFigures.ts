import type { WindowFigures } from './types';

import type { Metric } from './types';

export type StationFigures = Record<Metric, number | null> & { observedS: number };

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
    empty: ratio(f.emptyS, f.observedS),
  };
}
