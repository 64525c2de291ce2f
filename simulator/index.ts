/**
 * GBFS feed simulator: a synthetic Vélib-like city served over HTTP in three dialects, with
 * injectable faults, plus a replay server for recorded feeds. See README.md in this folder.
 */
export { startSimulator, SIMULATOR_DEFAULTS } from './simulator';
export { startReplay } from './replay';
export { buildCity, PARIS, REPORT_PERIOD_SECONDS } from './city';
export type { City, SimStation, StationKind, StationQuirk } from './city';
export { stationStatusAt } from './status';
export type { StationCounts } from './status';
export { statusRows, renderFeed } from './syntheticSource';
export { RENDERERS, velibRenderer, v2Renderer, v3Renderer } from './render';
export type {
  FeedRenderer,
  RenderContext,
  StationInfoRow,
  StationStatusRow,
  SystemDescription,
} from './render';
export { SimClock } from './clock';
export { targetFill, commuteLevel, leisureLevel } from './dailyWave';
export { localClock, rfc3339 } from './localTime';
export { FAULT_KINDS, FEED_NAMES } from './types';
export type {
  CityCenter,
  Fault,
  FaultKind,
  FeedName,
  FeedVariant,
  ReplayOptions,
  RunningSimulator,
  SimulatorOptions,
} from './types';
