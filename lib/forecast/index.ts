/** The forecast of issue 14, pure computation: see README.md in this folder. */
export {
  backtest,
  BACKTEST_HORIZONS,
  defaultForecasters,
  modelForecaster,
  persistenceForecaster,
  seasonalForecaster,
  type AnyForecaster,
  type BacktestOptions,
  type BacktestResult,
  type Forecaster,
  type RefitSchedule,
  type RefittingForecaster,
} from './backtest';
export { checkTarget, formatBacktest, REQUIRED_GAIN_OVER_PERSISTENCE, type TargetCheck } from './backtestReport';
export { applySeasonal, fitSeasonal, persistenceForecast, seasonalForecast, type SeasonalFit } from './baselines';
export { fixedOffsetClock, nextLocalHours, zoneClock, type LocalClock } from './clock';
export { fitStations, fitStationsWithTrust, fitSystemModel, type SystemModel } from './fitModel';
export { fitHorizonTrust, MIN_GROUP_ROWS, TRUST_DAYS, trustAt, type HorizonTrust } from './horizonTrust';
export { stationHistories, capacityOf, type HourRow } from './histories';
export { fitDecay, pooledDecay, shrunkDecay, type DecayPrior } from './decay';
export { applyStationModel, fitStation, forecastStation, type ForecastOptions, type StationModel } from './forecastStation';
export { hourlySeries, localHoursBetween } from './hourlySeries';
export { forecastHours, nowFromPoll, type PolledCounts } from './nowFromPoll';
export { FutureReadError, guardedPast } from '../../test/support/pastGuard';
export { profileAt, seasonalProfile, type SeasonalProfile } from './seasonalProfile';
export { shrinkageWeight, shrunkProfile, type ShrunkProfile } from './shrunkProfile';
export * from './thresholds';
export type * from './types';
