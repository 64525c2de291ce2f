/**
 * The figures of the forecast. Times are whole epoch seconds (UTC); weekdays and hours are the
 * local ones of the system's time zone, as in lib/hotspots.
 */

/** Which local hour an instant falls in: ISO weekday (1 = Monday … 7 = Sunday) and hour 0–23. */
export interface LocalHourLabel {
  weekday: number;
  hour: number;
}

/** One local hour: its start and its label. */
export interface LocalHour extends LocalHourLabel {
  hourStart: number;
}

/**
 * One local hour of a station's history. The three figures are null together, when the station
 * was not observed at all during the hour.
 */
export interface HourObservation extends LocalHour {
  /** Time-weighted mean of bikes over the observed part of the hour (bike_s / observed_s). */
  meanBikes: number | null;
  /** Share of the observed time with no free dock (full_s / observed_s). */
  fullShare: number | null;
  /** Share of the observed time with no bike (empty_s / observed_s). */
  emptyShare: number | null;
  /**
   * The station as the hour's first poll saw it: what a forecast issued live in this hour starts
   * from. Absent when the raw statuses were not read (a hand-built history: the hour's mean
   * stands in for it); null when that poll did not observe the station.
   */
  poll?: PollState | null;
}

/** A station's counts at one poll and when in the hour that poll came. */
export interface PollState {
  bikes: number;
  docks: number;
  /** Seconds from the start of the local hour to the poll. */
  secondsIntoHour: number;
}

export interface ObservedHour extends LocalHour {
  meanBikes: number;
  fullShare: number;
  emptyShare: number;
}

/**
 * A station's history: one entry per local hour, in time order, unobserved hours included (as
 * nulls), so that neighbouring entries are neighbouring hours.
 */
export interface StationHistory {
  /** Docks of the station; forecasts are clamped to [0, capacity]. */
  capacity: number;
  hours: readonly HourObservation[];
}

/** A station's state at the forecast's origin: the newest poll, or (in the backtest) the last hour. */
export interface StationNow extends LocalHour {
  bikes: number;
  /** 1 when full now (or the share of the last hour it was full), else 0. */
  fullShare: number;
  emptyShare: number;
  /** Bikes now − the mean of the hour before this one (0 when unknown): the recent trend. */
  trend?: number;
  /** Seconds from the start of this local hour to the poll (0 when unknown). */
  secondsIntoHour?: number;
}

export type ModelName = 'seasonal+decay' | 'short-profile' | 'persistence' | 'seasonal';

export interface ProfileValue {
  bikes: number;
  pFull: number;
  pEmpty: number;
}

/** The fitted persistence of a station's deviation from its profile; see decay.ts. */
export interface DecayFit {
  /** The phi the forecast uses, in [0, 1]. */
  phi: number;
  /** Least-squares phi of the station alone, clamped to [0, 1]; null when it never deviated. */
  stationPhi: number | null;
  /** Pairs of neighbouring observed hours the station's phi was fitted on. */
  pairs: number;
  /** Σ d(t)·d(t+1) and Σ d(t)² over those pairs, kept so stations can be pooled. */
  sumProducts: number;
  sumSquares: number;
  priorPhi: number;
  priorPairs: number;
}

export interface StationForecast {
  model: ModelName;
  /** What the model stood on, so an answer can say why it said what it said. */
  basis: {
    /** Days from the station's first observed hour to the origin. */
    historyDays: number;
    profile: { kind: ProfileKind; weeks: number } | null;
    decay: DecayFit | null;
  };
  /** The forecast hours, in order: targets[k − 1] is k hours after the origin's hour. */
  targets: readonly LocalHour[];
  bikes: number[];
  docks: number[];
  pFull: number[];
  pEmpty: number[];
  /** The 10th and 90th percentiles of bikes (whole bikes in [0, capacity]). */
  bikesLow: number[];
  bikesHigh: number[];
}

export type ProfileKind = 'weekday-hour' | 'hour-of-day';
