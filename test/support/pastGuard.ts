/**
 * The past of a forecast origin as a view over the whole history that throws on any read of the
 * origin's hour or later. Slicing already hides the future; this view leaves it physically behind
 * the array, so a model that reads past the end it was given is caught instead of being handed
 * `undefined`. Slower than a slice (every read goes through a Proxy): for tests and audits.
 */
import type { HourObservation } from '../../lib/forecast/types';

export class FutureReadError extends Error {
  constructor(index: number, originIndex: number) {
    super(`read entry ${index} of the history from an origin at entry ${originIndex}: that is its future`);
    this.name = 'FutureReadError';
  }
}

const indexOf = (property: string | symbol): number | null =>
  typeof property === 'string' && /^\d+$/.test(property) ? Number(property) : null;

export function guardedPast(history: readonly HourObservation[], originIndex: number): readonly HourObservation[] {
  return new Proxy(history, {
    get(target, property, receiver) {
      if (property === 'length') return originIndex;
      const index = indexOf(property);
      if (index !== null && index >= originIndex) throw new FutureReadError(index, originIndex);
      return Reflect.get(target, property, receiver);
    },
    has(target, property) {
      const index = indexOf(property);
      if (index !== null && index >= originIndex) throw new FutureReadError(index, originIndex);
      return Reflect.has(target, property);
    },
  });
}
