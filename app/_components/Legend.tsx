'use client';
/** What the colours mean: metric, unit, and the real range of values on the map. */
import { METRIC_INFO, type Metric } from '@/lib/hotspots/types';
import { DELTA_CSS_GRADIENT, RAMP_CSS_GRADIENT, type ColorDomain } from '@/app/_lib/colorRamp';
import { formatInteger, formatMetricWithUnit, formatPercent } from '@/app/_lib/format';

/** The viridis ramp with the lowest and highest value shown under its ends. */
export function RampScale({ min, max }: { min: string; max: string }) {
  return (
    <>
      <div className="legend__ramp" style={{ backgroundImage: RAMP_CSS_GRADIENT }} role="img" aria-label="Colour ramp from dark purple (lowest) to yellow (highest)" />
      <div className="legend__range">
        <span data-testid="legend-min">{min}</span>
        <span data-testid="legend-max">{max}</span>
      </div>
    </>
  );
}

export function Legend({
  metric,
  unit,
  domain,
  hexagons,
  stations,
  coverage,
  extruded,
  comparison,
}: {
  /** 3D on: the height follows the weight too. */
  extruded: boolean;
  metric: Metric;
  unit: string;
  domain: ColorDomain;
  hexagons: number;
  stations: number;
  coverage: number;
  /** The two periods of a comparison, in words ("23–29 Mar" against "16–22 Mar"), and the largest |delta|. */
  comparison: { period: string; base: string; largestDelta: number } | null;
}) {
  if (comparison) {
    return (
      <section className="legend" aria-label="Legend" data-testid="legend">
        <h2 className="legend__title">{METRIC_INFO[metric].label}: change</h2>
        <p className="legend__unit" data-testid="legend-comparison">
          {comparison.period} against {comparison.base}
        </p>
        <div className="legend__ramp" style={{ backgroundImage: DELTA_CSS_GRADIENT }} role="img" aria-label="Diverging colour ramp: purple for less, white for no change, orange for more" />
        <div className="legend__range">
          <span data-testid="legend-min">less: −{formatMetricWithUnit(comparison.largestDelta, metric)}</span>
          <span>same</span>
          <span data-testid="legend-max">more: +{formatMetricWithUnit(comparison.largestDelta, metric)}</span>
        </div>
        <p className="legend__note">
          Orange hexagons had more {METRIC_INFO[metric].label.toLowerCase()} than in the base period, purple ones less; grey ones were observed in only one of
          the two.{extruded ? ' Height follows the size of the change.' : ''}
        </p>
      </section>
    );
  }
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <h2 className="legend__title">{METRIC_INFO[metric].label}</h2>
      <p className="legend__unit">{unit}</p>
      <RampScale min={formatMetricWithUnit(domain.minValue, metric)} max={formatMetricWithUnit(domain.maxValue, metric)} />
      <p className="legend__note">
        {formatInteger(hexagons)} hexagons · {formatInteger(stations)} stations · {formatPercent(coverage)} observed. {extruded ? 'Colour and height follow' : 'Colour follows'} the
        weight (value ÷ top value).
      </p>
    </section>
  );
}
