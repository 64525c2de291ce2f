'use client';
/** Forecast mode's legend: what the colours mean at the chosen hour, and how far off the model is, in words. */
import type { ColorDomain } from '@/app/_lib/colorRamp';
import { formatPercent } from '@/app/_lib/format';
import type { ForecastMapResponse } from '@/lib/forecast/schemas';
import { backtestSentence, liveSentence, modelSentence } from '@/app/_lib/forecastView';
import { RampScale } from './Legend';

export function ForecastLegend({
  forecast,
  hour,
  hourLabel,
  domain,
  hexagons,
}: {
  forecast: ForecastMapResponse;
  hour: number;
  hourLabel: string;
  domain: ColorDomain;
  /** Hexagons drawn at this hour. */
  hexagons: number;
}) {
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <h2 className="legend__title">Expected occupancy</h2>
      <p className="legend__unit" data-testid="legend-hour">
        {hourLabel}: share of docks holding a bike
      </p>
      <RampScale min={formatPercent(domain.minValue)} max={formatPercent(domain.maxValue)} />
      <p className="legend__note">
        {hexagons.toLocaleString('en-GB')} hexagons · {forecast.stations.toLocaleString('en-GB')} stations. The same colour means the same occupancy at every
        hour.
      </p>
      <p className="legend__note" data-testid="legend-backtest">
        {backtestSentence(forecast.backtest, hour)}
      </p>
      <p className="legend__note" data-testid="legend-live">
        {liveSentence(forecast.live, hour)}
      </p>
      <p className="legend__note" data-testid="legend-model">
        {modelSentence(forecast.model, forecast.timezone)}
      </p>
    </section>
  );
}
