/**
 * The figures of the hotspot computation. All times are whole epoch seconds (UTC); local days
 * and hours are those of the system's IANA time zone.
 */


/** What a station looked like in one poll, as far as congestion is concerned. */
export interface StationState {
  stationId: string;
  /** H3 resolution-10 cell of the station's position at that poll. */
  h3: string;
  /** false when the station was absent from the poll. */
  present: boolean;
  installed: boolean;
  bikes: number;
  docks: number;
  ebikes: number | null;
  mechanical: number | null;
}

/**
 * A station's state as stored between two polls: what crediting needs (StationState) plus the
 * rest of its reported status, which decides whether a poll changed it.
 */
export interface PolledState extends StationState {
  renting: boolean;
  returning: boolean;
  /** epoch seconds, or null. */
  lastReported: number | null;
}

/** Integrals of one station over (part of) one local hour, in seconds or bike-seconds. */
export interface HourlyFigures {
  stationId: string;
  h3: string;
  /** Start of the local hour, epoch seconds. */
  hourStart: number;
  observedS: number;
  bikeS: number;
  /** Observed seconds for which the feed broke bikes down by type. */
  typedS: number;
  ebikeS: number;
  mechanicalS: number;
  dockS: number;
  /** Seconds with no free dock. */
  fullS: number;
  /** Seconds with no bike. */
  emptyS: number;
}

/** The same integrals summed over a window, for one station in one cell. */
export type WindowFigures = Omit<HourlyFigures, 'hourStart'>;

export const METRICS = ['occupancy', 'bikes', 'ebikes', 'mechanical', 'full', 'empty'] as const;
export type Metric = (typeof METRICS)[number];

/** H3 resolutions hexagons are offered at: 10 (~76 m edge, the stored one) up to 7 (~1.4 km). */
export const RESOLUTIONS = [7, 8, 9, 10] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** Stations are stored in resolution-10 cells; coarser views gather their parents. */
export const STORED_RESOLUTION = 10 satisfies Resolution;

export interface Hexagon {
  h3: string;
  lat: number;
  lon: number;
  value: number;
  weight: number;
  rank: number;
  stations: number;
  coverage: number;
  /** Its largest station's name, "+ N more" (when the names were given). */
  label?: string;
}

/** How each metric reads to a person: a label and the unit of its value. */
export const METRIC_INFO: Record<Metric, { label: string; unit: string; percent: boolean }> = {
  occupancy: { label: 'Occupancy', unit: 'share of bikes in bikes + free docks', percent: true },
  bikes: { label: 'Bikes parked', unit: 'bikes on average (time-weighted)', percent: false },
  ebikes: { label: 'E-bikes parked', unit: 'e-bikes on average (time-weighted)', percent: false },
  mechanical: { label: 'Mechanical bikes parked', unit: 'mechanical bikes on average (time-weighted)', percent: false },
  full: { label: 'Time full', unit: 'share of station time with no free dock', percent: true },
  empty: { label: 'Time empty', unit: 'share of station time with no bike', percent: true },
};
