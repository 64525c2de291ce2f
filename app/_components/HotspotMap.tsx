'use client';
/**
 * The map: deck.gl owns the camera and draws the hexagons; the MapLibre basemap is its child (the
 * pattern of deck.gl's react-map-gl example). A pure function of its props: data in, events out.
 * The server, and the browser while it takes over the server's HTML, draw its placeholder.
 */
import { useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type PointerEvent as ReactPointerEvent } from 'react';
import DeckGL from '@deck.gl/react';
import { FlyToInterpolator, type MapViewState, type PickingInfo } from '@deck.gl/core';
import { Map as BaseMap } from 'react-map-gl/maplibre';
import type { StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { HexagonDto } from '@/lib/hotspots/schemas';
import type { ColorDomain } from '@/app/_lib/colorRamp';
import { MAPLIBRE_WORKER_URL } from '@/app/_lib/mapStyle';
import { FIRST_HEXAGONS_MARK } from '@/app/_lib/performanceMarks';
import { softwareRenderer } from '@/app/_lib/softwareRenderer';
import type { Resolution } from '@/lib/hotspots/types';
import type { MapView } from '@/app/_lib/viewQuery';
import type { SystemMarker } from '@/app/_lib/worldMarkers';
import type { StationDot } from '@/app/_lib/stationDots';
import { buildHexagonLayers, buildStationDotsLayers, buildSystemMarkersLayers, HEXAGON_LAYER_ID, STATION_DOTS_LAYER_ID, SYSTEM_MARKERS_LAYER_ID } from './hexagonLayers';
import { MapPlaceholder } from './MapPlaceholder';

export interface CameraTarget extends MapView {
  /** Fly there instead of jumping. */
  fly?: boolean;
}

export interface HexagonHover {
  hexagon: HexagonDto;
  /** Pointer position inside the map, in CSS pixels. */
  x: number;
  y: number;
}

export interface StationHover {
  dot: StationDot;
  x: number;
  y: number;
}

export interface HotspotMapProps {
  /** null: not framed yet (the placeholder stands). */
  camera: CameraTarget | null;
  hexagons: readonly HexagonDto[];
  colorDomain: ColorDomain | null;
  resolution: Resolution;
  extruded: boolean;
  selectedH3: string | null;
  /** The hovered hexagon, highlighted while the drawn answer has it. */
  highlightedH3: string | null;
  /** The hexagons carry a comparison: colour them by their delta. */
  compared: boolean;
  mapStyle: string | StyleSpecification;
  /** Changes when the style is swapped (remote → fallback): remounts the basemap. */
  mapStyleKey: string;
  onCameraChange: (view: MapView) => void;
  onHover: (hover: HexagonHover | null) => void;
  onSelect: (hexagon: HexagonDto) => void;
  onBasemapLoaded: () => void;
  onBasemapFailed: (reason: string) => void;
  /** Zoomed out past a city: every collected system's marker (empty when zoomed in). */
  systemMarkers: readonly SystemMarker[];
  shownSystemId: string | null;
  onPickSystem: (id: string) => void;
  /** Zoomed in close: every station as a dot (empty otherwise). */
  stationDots: readonly StationDot[];
  highlightedStationId: string | null;
  onHoverStation: (hover: StationHover | null) => void;
  onSelectStation: (dot: StationDot) => void;
  /** Hexagons are drawn or on their way: the basemap waits for the first frame with them. */
  expectingHexagons: boolean;
}

const FLY = new FlyToInterpolator({ speed: 1.6 });

function hexagonOf(info: PickingInfo): HexagonDto | null {
  return info.layer?.id === HEXAGON_LAYER_ID && info.object ? (info.object as HexagonDto) : null;
}

function dotOf(info: PickingInfo): StationDot | null {
  return info.layer?.id === STATION_DOTS_LAYER_ID && info.object ? (info.object as StationDot) : null;
}

function markerOf(info: PickingInfo): SystemMarker | null {
  return info.layer?.id === SYSTEM_MARKERS_LAYER_ID && info.object ? (info.object as SystemMarker) : null;
}

function viewOf(viewState: MapViewState): MapView {
  return {
    latitude: viewState.latitude,
    longitude: viewState.longitude,
    zoom: viewState.zoom,
    pitch: viewState.pitch ?? 0,
    bearing: viewState.bearing ?? 0,
  };
}

const noSubscription = () => () => undefined;

export default function HotspotMap(props: HotspotMapProps) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return inBrowser && props.camera ? <DeckMap {...props} camera={props.camera} /> : <MapPlaceholder />;
}

function DeckMap(props: HotspotMapProps & { camera: CameraTarget }) {
  const { camera, hexagons, colorDomain, resolution, extruded, selectedH3, highlightedH3, compared, systemMarkers, shownSystemId, stationDots, highlightedStationId } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  // The canvas at its drawn size (it fills this container; deck.gl styles it so only once started)
  // before deck.gl makes its WebGL context, in DeckGL's own effect, which runs after this one:
  // otherwise the context starts at 300×150 and the first frame reallocates its drawing buffer,
  // ~300 ms on a software renderer (headless Chromium's SwiftShader).
  useLayoutEffect(() => {
    const container = containerRef.current;
    const canvas = container?.querySelector('canvas');
    if (!container || !canvas) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(container.clientWidth * ratio);
    canvas.height = Math.round(container.clientHeight * ratio);
  }, []);
  const [deviceProps] = useState(() => ({ type: 'webgl' as const, webgl: { antialias: !softwareRenderer() } }));
  // A finger has no hover: a tap must open the panel without leaving the tooltip behind (the
  // browser follows a tap with a compatibility mouse move, which would show it). Touch until a
  // real mouse moves again.
  const touching = useRef(false);
  const notePointer = (event: ReactPointerEvent) => {
    touching.current = event.pointerType === 'touch';
  };

  const layers = useMemo(
    () => [
      ...buildHexagonLayers({ hexagons, colorDomain, resolution, extruded, selectedH3, highlightedH3, compared, faded: stationDots.length > 0 }),
      ...(stationDots.length > 0 ? buildStationDotsLayers(stationDots, highlightedStationId) : []),
      ...(systemMarkers.length > 0 ? buildSystemMarkersLayers(systemMarkers, shownSystemId) : []),
    ],
    [hexagons, colorDomain, resolution, extruded, selectedH3, highlightedH3, compared, systemMarkers, shownSystemId, stationDots, highlightedStationId],
  );

  const viewState: MapViewState = useMemo(
    () => ({
      longitude: camera.longitude,
      latitude: camera.latitude,
      zoom: camera.zoom,
      pitch: camera.pitch,
      bearing: camera.bearing,
      maxPitch: 60,
      ...(camera.fly ? { transitionDuration: 'auto', transitionInterpolator: FLY } : {}),
    }),
    [camera],
  );

  // The basemap (MapLibre: 1 MB of code and a second WebGL context) comes after the first frame
  // with hexagons, which it would otherwise hold back; at once when there are none to wait for.
  const [basemapShown, setBasemapShown] = useState(!props.expectingHexagons);
  if (!basemapShown && !props.expectingHexagons) setBasemapShown(true);

  /** Marks the first frame with hexagons (performance mark + data attribute, for tests and timing). */
  const onAfterRender = () => {
    const container = containerRef.current;
    if (!container) return;
    container.dataset.drawnHexagons = String(hexagons.length);
    if (hexagons.length === 0) return;
    if (performance.getEntriesByName(FIRST_HEXAGONS_MARK).length === 0) performance.mark(FIRST_HEXAGONS_MARK);
    if (!basemapShown) setBasemapShown(true);
  };

  return (
    <div
      ref={containerRef}
      onPointerDownCapture={notePointer}
      onPointerMoveCapture={(event) => event.pointerType === 'mouse' && notePointer(event)}
      className="map-canvas"
      data-testid="hotspot-map"
      data-hexagons={hexagons.length}
      data-system-markers={systemMarkers.length}
      data-station-dots={stationDots.length}
    >
      <DeckGL
        deviceProps={deviceProps}
        viewState={viewState}
        onViewStateChange={({ viewState: next }) => {
          props.onCameraChange(viewOf(next as MapViewState));
        }}
        controller={{ dragRotate: extruded, touchRotate: extruded, keyboard: true }}
        layers={layers}
        onHover={(info, event) => {
          const pointerTouches = touching.current || event?.pointerType === 'touch';
          const dot = pointerTouches ? null : dotOf(info);
          props.onHoverStation(dot ? { dot, x: info.x, y: info.y } : null);
          const hexagon = dot || pointerTouches ? null : hexagonOf(info);
          props.onHover(hexagon ? { hexagon, x: info.x, y: info.y } : null);
        }}
        onClick={(info) => {
          const marker = markerOf(info);
          if (marker) return props.onPickSystem(marker.id);
          const dot = dotOf(info);
          if (dot) return props.onSelectStation(dot);
          const hexagon = hexagonOf(info);
          if (hexagon) props.onSelect(hexagon);
        }}
        getTooltip={(info) => markerOf(info)?.label ?? null}
        getCursor={({ isDragging, isHovering }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab')}
        onAfterRender={onAfterRender}
      >
        {basemapShown && (
          <BaseMap
            key={props.mapStyleKey}
            mapStyle={props.mapStyle}
            workerUrl={MAPLIBRE_WORKER_URL}
            onLoad={props.onBasemapLoaded}
            onError={(event) => props.onBasemapFailed(event.error?.message ?? 'the map style failed to load')}
          />
        )}
      </DeckGL>
    </div>
  );
}
