/** startSimulator: the synthetic city served over HTTP in one GBFS dialect. */
import { PARIS, buildCity } from './city';
import { SimClock, defaultStartTime } from './clock';
import { serveFeeds } from './httpHost';
import { RENDERERS } from './render';
import { syntheticSource } from './syntheticSource';
import type { RunningSimulator, SimulatorOptions } from './types';

export const SIMULATOR_DEFAULTS = {
  variant: 'velib',
  stations: 1500,
  seed: 1,
  stepSeconds: 60,
  systemId: 'velib-sim',
  name: 'Vélib (simulated)',
  timezone: 'Europe/Paris',
} as const;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const variant = options.variant ?? SIMULATOR_DEFAULTS.variant;
  const renderer = RENDERERS[variant];
  if (!renderer) throw new RangeError(`unknown variant ${String(variant)}`);
  const timezone = options.timezone ?? SIMULATOR_DEFAULTS.timezone;
  const city = buildCity(
    options.seed ?? SIMULATOR_DEFAULTS.seed,
    options.stations ?? SIMULATOR_DEFAULTS.stations,
    options.center ?? PARIS,
    timezone,
  );
  const clock = new SimClock({
    startTime: options.startTime ?? defaultStartTime(),
    stepSeconds: options.stepSeconds ?? SIMULATOR_DEFAULTS.stepSeconds,
    realTimeCap: options.realTimeCap ?? false,
  });
  const system = {
    systemId: options.systemId ?? SIMULATOR_DEFAULTS.systemId,
    name: options.name ?? SIMULATOR_DEFAULTS.name,
    timezone,
  };
  return serveFeeds(syntheticSource(city, renderer, clock, system), { port: options.port, host: options.host });
}
