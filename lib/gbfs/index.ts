/** The pure GBFS parsing layer: JSON text in, normalised records out. No I/O. */
export * from './types';
export { parseJsonText } from './json';
export {
  EARLIEST_PLAUSIBLE_TIME,
  LAST_REPORTED_FUTURE_TOLERANCE_SECONDS,
  clampLastReported,
  parseGbfsTime,
  parseRfc3339,
  type ClampedTime,
} from './time';
export type { FeedHeader } from './envelope';
export { parseDiscovery } from './discovery';
export { parseSystemInformation, isValidTimeZone, type ParsedSystemInformation } from './systemInformation';
export { parseVehicleTypes, vehicleKind } from './vehicleTypes';
export { parseStationInformation, usableCoordinates } from './stationInformation';
export { parseStationStatus, type StationStatusOptions } from './stationStatus';
export { breakDownBikes, type BikeBreakdown } from './bikeBreakdown';
export { statusFeedTime } from './feedTime';
