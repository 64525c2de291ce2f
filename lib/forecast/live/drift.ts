/**
 * Whether a system's forecasts do worse live than the backtest promised: at some horizon with
 * enough scored forecasts, the live MAE of the model is more than DRIFT_RATIO times its backtest
 * MAE. A day of live forecasts (24 kept origins) before judging: a few hours say little.
 */
export const DRIFT_RATIO = 1.5;
export const MIN_LIVE_ORIGINS = 24;

export interface HorizonError {
  hours: number;
  origins: number;
  mae: number | null;
}

export interface ForecastDrift {
  drifting: boolean;
  /** The horizon where live is furthest above the backtest, or null when none can be compared yet. */
  worst: { hours: number; live: number; backtest: number; ratio: number } | null;
}

export function forecastDrift(backtest: readonly Omit<HorizonError, 'origins'>[], live: readonly HorizonError[]): ForecastDrift {
  let worst: ForecastDrift['worst'] = null;
  for (const row of live) {
    const promised = backtest.find((b) => b.hours === row.hours)?.mae ?? null;
    if (row.mae === null || promised === null || promised <= 0 || row.origins < MIN_LIVE_ORIGINS) continue;
    const ratio = row.mae / promised;
    if (worst === null || ratio > worst.ratio) worst = { hours: row.hours, live: row.mae, backtest: promised, ratio };
  }
  return { drifting: worst !== null && worst.ratio > DRIFT_RATIO, worst };
}
