/** The deck.gl layers of the map: hotspot hexagons coloured by weight, the selected one's outline, and the systems' markers of the world view. */
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { cellToBoundary } from 'h3-js';
import type { HexagonDto } from '@/lib/hotspots/schemas';
import { colorForWeight, deltaColor, type ColorDomain } from '@/app/_lib/colorRamp';
import { EDGE_METRES } from '@/app/_lib/resolution';
import { FRESHNESS_COLORS, type SystemMarker } from '@/app/_lib/worldMarkers';
import type { StationDot } from '@/app/_lib/stationDots';
import type { Resolution } from '@/lib/hotspots/types';

export const HEXAGON_LAYER_ID = 'hotspot-hexagons';
export const SYSTEM_MARKERS_LAYER_ID = 'system-markers';
export const STATION_DOTS_LAYER_ID = 'station-dots';

interface HexagonLayerInput {
  hexagons: readonly HexagonDto[];
  colorDomain: ColorDomain | null;
  resolution: Resolution;
  extruded: boolean;
  selectedH3: string | null;
  /** The hexagon under the pointer, as the drawn answer has it (null: none). */
  highlightedH3: string | null;
  /** A comparison: colour by deltaWeight on the diverging ramp, height by |deltaWeight|. */
  compared: boolean;
  /** Stations are drawn as dots over them: the hexagons step back so that the dots stand out. */
  faded?: boolean;
}

const FILL_ALPHA = 220;

export function buildHexagonLayers({ hexagons, colorDomain, resolution, extruded, selectedH3, highlightedH3, compared, faded = false }: HexagonLayerInput): Layer[] {
  const layers: Layer[] = [];
  if (colorDomain && hexagons.length > 0) {
    // Highlighted by cell, not by the picked index: when the answer under a still pointer changes,
    // the same index is another hexagon of the new answer.
    const highlighted = highlightedH3 === null ? -1 : hexagons.findIndex((h) => h.h3 === highlightedH3);
    layers.push(
      new H3HexagonLayer<HexagonDto>({
        id: HEXAGON_LAYER_ID,
        data: hexagons as HexagonDto[],
        getHexagon: (d) => d.h3,
        getFillColor: (d) => [...(compared ? deltaColor(d.deltaWeight) : colorForWeight(d.weight, colorDomain)), FILL_ALPHA],
        getElevation: (d) => (compared ? Math.abs(d.deltaWeight ?? 0) : d.weight),
        // The heaviest hexagon stands about ten hexagon edges tall.
        elevationScale: EDGE_METRES[resolution] * 10,
        extruded,
        coverage: 0.92,
        opacity: faded ? 0.4 : 1,
        pickable: true,
        highlightedObjectIndex: highlighted,
        highlightColor: [255, 80, 120, 230],
        material: { ambient: 0.6, diffuse: 0.5, shininess: 16 },
        updateTriggers: { getFillColor: [colorDomain.minWeight, colorDomain.maxWeight, compared], getElevation: [compared] },
      }),
    );
  }
  if (selectedH3) {
    layers.push(
      new PolygonLayer<{ polygon: number[][] }>({
        id: 'selected-hexagon',
        data: [{ polygon: cellToBoundary(selectedH3, true) }],
        getPolygon: (d) => d.polygon,
        filled: false,
        stroked: true,
        getLineColor: [214, 40, 90, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        pickable: false,
      }),
    );
  }
  return layers;
}

/** Every collected system as a disc sized by its stations, filled with its freshness's colour, named beside it; the shown one ringed darker. */
export function buildSystemMarkersLayers(markers: readonly SystemMarker[], shownId: string | null): Layer[] {
  return [
    new ScatterplotLayer<SystemMarker>({
      id: SYSTEM_MARKERS_LAYER_ID,
      data: markers as SystemMarker[],
      getPosition: (d) => d.position,
      getRadius: (d) => d.radiusPixels,
      radiusUnits: 'pixels',
      getFillColor: (d) => [...FRESHNESS_COLORS[d.freshness], 200],
      stroked: true,
      getLineColor: (d) => (d.id === shownId ? [29, 36, 48, 255] : [255, 255, 255, 230]),
      getLineWidth: (d) => (d.id === shownId ? 3 : 1.5),
      lineWidthUnits: 'pixels',
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 80, 120, 200],
      updateTriggers: { getLineColor: [shownId], getLineWidth: [shownId] },
    }),
    // Names, so that the view says which city is which even without a basemap (offline).
    new TextLayer<SystemMarker>({
      id: 'system-marker-names',
      data: markers as SystemMarker[],
      getPosition: (d) => d.position,
      getText: (d) => d.name,
      getPixelOffset: (d) => [d.radiusPixels + 6, 0],
      getTextAnchor: 'start',
      getAlignmentBaseline: 'center',
      getSize: 13,
      getColor: [29, 36, 48, 255],
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      fontWeight: 600,
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 230],
      fontSettings: { sdf: true },
      characterSet: 'auto',
      pickable: false,
    }),
  ];
}

/** The stations of a close zoom, over the hexagons: a dot each in its figure's colour, ringed white to stand out from its hexagon. */
export function buildStationDotsLayers(dots: readonly StationDot[], highlightedId: string | null): Layer[] {
  const highlighted = highlightedId === null ? -1 : dots.findIndex((d) => d.id === highlightedId);
  return [
    new ScatterplotLayer<StationDot>({
      id: STATION_DOTS_LAYER_ID,
      data: dots as StationDot[],
      getPosition: (d) => d.position,
      getRadius: 7,
      radiusUnits: 'pixels',
      getFillColor: (d) => [...d.color, 255],
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
      pickable: true,
      highlightedObjectIndex: highlighted,
      highlightColor: [255, 80, 120, 255],
      updateTriggers: { getFillColor: [dots] },
    }),
  ];
}
