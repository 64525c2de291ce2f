'use client';
/** What the colours mean: metric, unit, and the real range of values on the map. */
import { METRIC_INFO } from '@/lib/api/metricInfo';
import type { Metric } from '@/lib/hotspots/types';
import { RAMP_CSS_GRADIENT, type ColorDomain } from '@/app/_lib/colorRamp';
import { formatInteger, formatMetricWithUnit, formatPercent } from '@/app/_lib/format';

export function Legend({
  metric,
  unit,
  domain,
  hexagons,
  stations,
  coverage,
}: {
  metric: Metric;
  unit: string;
  domain: ColorDomain;
  hexagons: number;
  stations: number;
  coverage: number;
}) {
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <h2 className="legend__title">{METRIC_INFO[metric].label}</h2>
      <p className="legend__unit">{unit}</p>
      <div className="legend__ramp" style={{ backgroundImage: RAMP_CSS_GRADIENT }} role="img" aria-label="Colour ramp from dark purple (lowest) to yellow (highest)" />
      <div className="legend__range">
        <span data-testid="legend-min">{formatMetricWithUnit(domain.minValue, metric)}</span>
        <span data-testid="legend-max">{formatMetricWithUnit(domain.maxValue, metric)}</span>
      </div>
      <p className="legend__note">
        {formatInteger(hexagons)} hexagons · {formatInteger(stations)} stations · {formatPercent(coverage)} observed. Colour and height follow the weight
        (value ÷ top value).
      </p>
    </section>
  );
}
