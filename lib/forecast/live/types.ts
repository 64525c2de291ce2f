/** A forecast as issued from one poll and stored (forecast_issues.forecast): what the API and the live scoring read. */
import type { ModelName } from '../types';

export interface IssuedStation {
  /** The feed's station id. */
  id: string;
  name: string;
  /** Resolution-10 cell of its position at the poll. */
  h3: string;
  capacity: number;
  /** The model that answered for this station. */
  model: ModelName;
  /** Expected bikes; the free docks are capacity − bikes. */
  bikes: number[];
  pFull: number[];
  pEmpty: number[];
  /** The 10th and 90th percentiles of bikes (whole bikes in [0, capacity]); absent in a forecast issued before. */
  bikesLow?: number[];
  bikesHigh?: number[];
  /** Full and empty at the issuing poll (the persistence baseline's chances). */
  fullNow?: boolean;
  emptyNow?: boolean;
  /** The baselines the live error is scored against: bikes now, and the plain weekday × hour mean (null: none). */
  persistence: number;
  /** Only in a forecast kept for scoring (issueForecast's withBaselines). */
  seasonal?: (number | null)[];
  /** Climatology's chances at each forecast hour (null: none); only in a forecast kept for scoring, and absent in one issued before it was kept. */
  climatology?: { pEmpty: (number | null)[]; pFull: (number | null)[] };
}

export interface IssuedForecast {
  /** Feed time of the poll, epoch seconds. */
  issuedAt: number;
  /** Start of each forecast hour: targets[k] holds issuedAt + (k + 1) h. */
  targets: number[];
  model: {
    fittedAt: number;
    historyStart: number;
    historyEnd: number;
    /** Stations per model that answered. */
    answeredBy: Partial<Record<ModelName, number>>;
  };
  stations: IssuedStation[];
}
