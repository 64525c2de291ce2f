/** The backtest as a person reads it: a table of MAE per horizon, and whether the accuracy target is met. */
import type { BacktestResult, Chance, ReliabilityBin } from './backtest';

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
  return [
    `MAE in bikes per station; ${result.origins} origins (${result.skippedOrigins} skipped: nothing to start from at the hour's first poll)`,
    ...table(rows),
    ...formatChances(result),
  ];
}

const table = (rows: string[][]) => {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padStart(widths[column])).join('  '));
};

const CHANCE_WORDS: Record<Chance, string> = { empty: 'P(empty)', full: 'P(full)' };
const signed = (value: number | null) => (value === null ? '—' : `${value >= 0 ? '+' : ''}${value.toFixed(2)}`);

/** Brier skill of the model against a baseline: 1 − model ÷ baseline (null when either is missing or the baseline is perfect). */
export function brierSkill(result: Pick<BacktestResult, 'brier'>, chance: Chance, h: number, baseline: string): number | null {
  const model = result.brier?.model?.[chance][h] ?? null;
  const other = result.brier?.[baseline]?.[chance][h] ?? null;
  return model === null || other === null || other === 0 ? null : 1 - model / other;
}

/** The chances' and the interval's lines: Brier and skill per horizon, the reliability bins, coverage. */
export function formatChances(result: BacktestResult): string[] {
  const lines: string[] = [];
  if (result.brier?.model) {
    for (const chance of ['empty', 'full'] as const) {
      lines.push(`${CHANCE_WORDS[chance]}: Brier score (mean (p − share of the hour)²) and the model's skill (1 − model ÷ baseline)`);
      lines.push(
        ...table([
          ['horizon', 'model', 'persistence', 'climatology', 'skill vs persistence', 'skill vs climatology'],
          ...result.horizons.map((horizon, h) => [
            `${horizon} h`,
            ...['model', 'persistence', 'climatology'].map((name) => {
              const value = result.brier?.[name]?.[chance][h] ?? null;
              return value === null ? '—' : value.toFixed(4);
            }),
            signed(brierSkill(result, chance, h, 'persistence')),
            signed(brierSkill(result, chance, h, 'climatology')),
          ]),
        ]),
      );
    }
  }
  if (result.reliability) {
    lines.push('reliability of the model (every scored horizon): chance said → share that happened (forecasts)');
    for (const chance of ['empty', 'full'] as const) {
      const bins = result.reliability[chance].filter((bin) => bin.forecasts > 0);
      lines.push(`  ${CHANCE_WORDS[chance]}: ${bins.map((bin) => `${bin.said!.toFixed(2)}→${bin.happened!.toFixed(2)} (${bin.forecasts})`).join(', ')}`);
    }
  }
  if (result.interval) {
    const { coverage, width, pinball } = result.interval;
    lines.push('80 % interval of bikes (10th–90th percentile):');
    lines.push(
      ...table([
        ['horizon', 'coverage', 'mean width', 'pinball'],
        ...result.horizons.map((horizon, h) => [
          `${horizon} h`,
          coverage[h] === null ? '—' : `${(coverage[h]! * 100).toFixed(1)} %`,
          width[h] === null ? '—' : width[h]!.toFixed(2),
          pinball[h] === null ? '—' : pinball[h]!.toFixed(3),
        ]),
      ]),
    );
  }
  return lines;
}

/** A reliability bin this full is judged. */
export const MIN_JUDGED_BIN = 100;
export const MAX_RELIABILITY_GAP = 0.05;
export const REQUIRED_GAIN_AT_1H = 0.05;
export const COVERAGE_RANGE = [0.75, 0.85] as const;

export interface ChanceCheck {
  /** 1 − model / persistence MAE at 1 h. */
  gainAt1h: number | null;
  /** The model's Brier below persistence's and climatology's at every horizon, for both chances. */
  brierBeatsBaselines: boolean;
  /** The largest |said − happened| over the bins with at least MIN_JUDGED_BIN forecasts, both chances. */
  worstReliabilityGap: number | null;
  /** The interval's coverage, lowest and highest over the horizons. */
  coverage: { min: number; max: number } | null;
  met: boolean;
}

export function reliabilityGap(bins: readonly ReliabilityBin[]): number | null {
  const judged = bins.filter((bin) => bin.forecasts >= MIN_JUDGED_BIN);
  return judged.length === 0 ? null : Math.max(...judged.map((bin) => Math.abs(bin.said! - bin.happened!)));
}

/** The chances' targets: 5 % over persistence at 1 h, Brier skill everywhere, reliability within 0.05, coverage 75–85 %. */
export function checkChances(result: BacktestResult): ChanceCheck {
  const h1 = result.horizons.indexOf(1);
  const model = h1 < 0 ? null : result.mae.model?.[h1] ?? null;
  const persistence = h1 < 0 ? null : result.mae.persistence?.[h1] ?? null;
  const gainAt1h = model === null || persistence === null || persistence === 0 ? null : 1 - model / persistence;
  const brierBeatsBaselines =
    result.brier?.model !== undefined &&
    (['empty', 'full'] as const).every((chance) =>
      result.horizons.every((_, h) => ['persistence', 'climatology'].every((baseline) => (brierSkill(result, chance, h, baseline) ?? -1) > 0)),
    );
  const gaps = result.reliability ? [reliabilityGap(result.reliability.empty), reliabilityGap(result.reliability.full)].filter((g): g is number => g !== null) : [];
  const worstReliabilityGap = gaps.length === 0 ? null : Math.max(...gaps);
  const covered = result.interval?.coverage.filter((c): c is number => c !== null) ?? [];
  const coverage = covered.length === 0 ? null : { min: Math.min(...covered), max: Math.max(...covered) };
  const met =
    gainAt1h !== null &&
    gainAt1h >= REQUIRED_GAIN_AT_1H &&
    brierBeatsBaselines &&
    worstReliabilityGap !== null &&
    worstReliabilityGap <= MAX_RELIABILITY_GAP &&
    coverage !== null &&
    coverage.min >= COVERAGE_RANGE[0] &&
    coverage.max <= COVERAGE_RANGE[1];
  return { gainAt1h, brierBeatsBaselines, worstReliabilityGap, coverage, met };
}

export interface TargetCheck {
  /** 1 − model / persistence at 3 h and 6 h (null when a horizon is missing or unscored). */
  gainAt3h: number | null;
  gainAt6h: number | null;
  /** Model below both baselines at every horizon. */
  beatsBaselinesEveryHorizon: boolean;
  met: boolean;
}

/** The issue's target, read from a backtest of the default forecasters. */
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

export interface BrierScores {
  model: number | null;
  persistence: number | null;
  climatology: number | null;
}

/** The backtest as stored with a fitted model and answered by GET /api/forecast (`brier`, `interval`, `reliability`: absent in a model stored before). */
export interface BacktestSummary {
  days: number;
  origins: number;
  horizons: Array<{
    hours: number;
    scored: number;
    mae: { model: number | null; persistence: number | null; seasonal: number | null };
    brier?: Record<Chance, BrierScores>;
    interval?: { coverage: number | null; width: number | null; pinball: number | null };
  }>;
  reliability?: Record<Chance, ReliabilityBin[]>;
}

const rounded = (value: number | null | undefined, digits = 4) => (value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits);

export function summarizeBacktest(result: BacktestResult, days: number): BacktestSummary {
  const brierOf = (chance: Chance, h: number): BrierScores => ({
    model: rounded(result.brier?.model?.[chance][h]),
    persistence: rounded(result.brier?.persistence?.[chance][h]),
    climatology: rounded(result.brier?.climatology?.[chance][h]),
  });
  return {
    days,
    origins: result.origins,
    horizons: result.horizons.map((hours, h) => ({
      hours,
      scored: result.scored[h],
      mae: { model: result.mae.model?.[h] ?? null, persistence: result.mae.persistence?.[h] ?? null, seasonal: result.mae.seasonal?.[h] ?? null },
      brier: { empty: brierOf('empty', h), full: brierOf('full', h) },
      ...(result.interval
        ? { interval: { coverage: rounded(result.interval.coverage[h]), width: rounded(result.interval.width[h]), pinball: rounded(result.interval.pinball[h]) } }
        : {}),
    })),
    ...(result.reliability ? { reliability: result.reliability } : {}),
  };
}
