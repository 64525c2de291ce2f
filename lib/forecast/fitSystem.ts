/**
 * A system's model: every station fitted on the hours before `until`, its decay shrunk toward the
 * phi pooled over the whole system (a quiet station borrows the system's persistence, not an
 * arbitrary constant).
 */
import { pooledDecay } from './decay';
import { fitStation, type StationModel } from './forecastStation';
import type { StationHistory } from './types';

export function fitSystem(histories: ReadonlyMap<string, StationHistory>, until: number): Map<string, StationModel> {
  const first = new Map([...histories].map(([id, history]) => [id, fitStation(history, until)]));
  const priorPhi = pooledDecay([...first.values()].flatMap((fit) => (fit.decay ? [fit.decay] : [])));
  if (priorPhi === null) return first;
  return new Map([...histories].map(([id, history]) => [id, fitStation(history, until, { priorPhi })]));
}
