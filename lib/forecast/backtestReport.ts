/** The backtest as a person reads it: a table of MAE per horizon, and whether the accuracy target is met. */
import type { BacktestResult } from './backtest';

/** The model beats persistence by at least this share at 3 h and 6 h. */
export const REQUIRED_GAIN_OVER_PERSISTENCE = 0.1;

const formatMae = (value: number | null) => (value === null ? '—' : value.toFixed(3));

/** Lines of text: one per horizon, MAE in bikes of each forecaster, and the targets scored. */
export function formatBacktest(result: BacktestResult): string[] {
  const names = Object.keys(result.mae);
  const rows = [['horizon', ...names, 'scored'], ...result.horizons.map((horizon, h) => [
    `${horizon} h`,
    ...names.map((name) => formatMae(result.mae[name][h])),
    String(result.scored[h]),
  ])];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return [
    `MAE in bikes per station; ${result.origins} origins (${result.skippedOrigins} skipped: previous hour unobserved)`,
    ...rows.map((row) => row.map((cell, column) => cell.padStart(widths[column])).join('  ')),
  ];
}

export interface TargetCheck {
  /** 1 − model / persistence at 3 h and 6 h (null when a horizon is missing or unscored). */
  gainAt3h: number | null;
  gainAt6h: number | null;
  /** Model below both baselines at every horizon. */
  beatsBaselinesEveryHorizon: boolean;
  met: boolean;
}

/** The target, read from a backtest of the default forecasters. */
export function checkTarget(result: BacktestResult): TargetCheck {
  const at = (name: string, horizon: number) => {
    const h = result.horizons.indexOf(horizon);
    return h < 0 ? null : result.mae[name][h];
  };
  const gain = (horizon: number) => {
    const model = at('model', horizon);
    const persistence = at('persistence', horizon);
    return model === null || persistence === null || persistence === 0 ? null : 1 - model / persistence;
  };
  const beatsBaselinesEveryHorizon = result.horizons.every((horizon) => {
    const model = at('model', horizon);
    const persistence = at('persistence', horizon);
    const seasonal = at('seasonal', horizon);
    return model !== null && persistence !== null && seasonal !== null && model < persistence && model < seasonal;
  });
  const gainAt3h = gain(3);
  const gainAt6h = gain(6);
  const met =
    gainAt3h !== null && gainAt6h !== null && gainAt3h >= REQUIRED_GAIN_OVER_PERSISTENCE && gainAt6h >= REQUIRED_GAIN_OVER_PERSISTENCE && beatsBaselinesEveryHorizon;
  return { gainAt3h, gainAt6h, beatsBaselinesEveryHorizon, met };
}

/** The backtest as stored with a fitted model and answered by GET /api/forecast. */
export interface BacktestSummary {
  days: number;
  origins: number;
  horizons: Array<{ hours: number; scored: number; mae: { model: number | null; persistence: number | null; seasonal: number | null } }>;
}

export function summarizeBacktest(result: BacktestResult, days: number): BacktestSummary {
  return {
    days,
    origins: result.origins,
    horizons: result.horizons.map((hours, h) => ({
      hours,
      scored: result.scored[h],
      mae: { model: result.mae.model?.[h] ?? null, persistence: result.mae.persistence?.[h] ?? null, seasonal: result.mae.seasonal?.[h] ?? null },
    })),
  };
}
