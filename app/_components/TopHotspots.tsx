'use client';
/**
 * The ten heaviest hexagons (in a comparison: the ten largest changes), and on demand every hexagon
 * of the answer in rank order, so that a keyboard reaches any of them; choosing one flies the map
 * there and opens its details.
 */
import { useMemo, useState } from 'react';
import type { HexagonDto } from '@/lib/hotspots/schemas';
import type { Metric } from '@/lib/hotspots/types';
import { formatMetricWithUnit } from '@/app/_lib/format';
import { colorForWeight, deltaColor, type ColorDomain } from '@/app/_lib/colorRamp';

const TOP_COUNT = 10;

export function TopHotspots({
  hexagons,
  metric,
  domain,
  selectedH3,
  compared,
  onPick,
}: {
  hexagons: readonly HexagonDto[];
  metric: Metric;
  domain: ColorDomain;
  selectedH3: string | null;
  /** The answer is a comparison, ranked by |delta|: show the change. */
  compared: boolean;
  onPick: (hexagon: HexagonDto) => void;
}) {
  // The page re-renders on every frame the map moves: sort only when the answer changes.
  const ranked = useMemo(() => [...hexagons].sort((a, b) => a.rank - b.rank), [hexagons]);
  const [all, setAll] = useState(false);
  const top = all ? ranked : ranked.slice(0, TOP_COUNT);
  const title = all ? `All ${top.length} hexagons` : compared ? `The ${top.length} largest changes` : `Top ${top.length} hotspots`;
  return (
    <section className="top-hotspots" aria-labelledby="top-hotspots-title">
      <h2 id="top-hotspots-title">{title}</h2>
      <ol data-testid="top-hotspots" className={all ? 'top-hotspots__list--all' : undefined}>
        {top.map((h) => (
          <li key={h.h3}>
            <button
              type="button"
              className="top-hotspots__item"
              aria-current={h.h3 === selectedH3 ? 'true' : undefined}
              onClick={() => onPick(h)}
              data-h3={h.h3}
            >
              <span className="swatch" style={{ backgroundColor: `rgb(${(compared ? deltaColor(h.deltaWeight) : colorForWeight(h.weight, domain)).join(',')})` }} aria-hidden="true" />
              <span className="top-hotspots__rank">#{h.rank}</span>
              <span className="top-hotspots__value">
                {compared && h.delta != null ? `${h.delta >= 0 ? '+' : '−'}${formatMetricWithUnit(Math.abs(h.delta), metric)}` : formatMetricWithUnit(h.value, metric)}
              </span>
              <span className="top-hotspots__stations" title={h.label}>
                {h.label ?? `${h.stations} station${h.stations === 1 ? '' : 's'}`}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {ranked.length > TOP_COUNT && (
        <button type="button" className="link-button" aria-expanded={all} data-testid="all-hexagons" onClick={() => setAll(!all)}>
          {all ? `Show the top ${TOP_COUNT} only` : `List all ${ranked.length} hexagons`}
        </button>
      )}
    </section>
  );
}
