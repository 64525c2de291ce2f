/** The forecast's named choices, in one place so the README and the code cannot drift apart. */

export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;

/** Hours forecast from each origin. */
export const FORECAST_HOURS = 24;

/** Below this much history (first observed hour to origin) the forecast is persistence. */
export const PERSISTENCE_BELOW_DAYS = 7;
/** Below this much, the profile is hour-of-day only: one or two samples per weekday-hour are noise. */
export const SHORT_PROFILE_BELOW_DAYS = 21;

/** Weeks of the weekday × hour profile (and of the decay fit). */
export const PROFILE_WEEKS = 4;
/** Weeks of the short, hour-of-day profile: at most three weeks exist when it is used. */
export const SHORT_PROFILE_WEEKS = 3;
/** A weekday-hour cell with fewer observations takes the hour-of-day mean instead. */
export const MIN_CELL_OBSERVATIONS = 2;

/**
 * The prior phi a station's own fit is shrunk toward, until a pooled one (pooledDecay) is passed:
 * bike-share deviations typically last a few hours, 0.85 per hour halves them in ~4 h.
 */
export const DEFAULT_PRIOR_PHI = 0.85;
/** The prior counts as this many pairs: a week of hours, so a month of history mostly speaks for itself. */
export const DEFAULT_PRIOR_PAIRS = 168;

/**
 * The longest a local hour lasts. Two entries further apart are not neighbours (a missing row):
 * their deviations are no pair. Local hours are at most an hour long (Lord Howe's DST day has a
 * 30-minute one, never a longer one; see lib/calendar.ts).
 */
export const MAX_LOCAL_HOUR_SECONDS = SECONDS_PER_HOUR;

/** Below a day of polls there is nothing to fit, not even a day's shape: the API answers 409. */
export const MIN_FORECAST_HISTORY_HOURS = 24;
