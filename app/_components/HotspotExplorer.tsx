'use client';
/**
 * The home page: the map with its controls, legend, top hotspots, tooltip and hexagon panel, in
 * History mode (a day or a period) or Forecast mode (the next 24 hours, an hour at a time).
 * Holds the view state (mirrored into the URL) and fetches; the map only draws what it is given.
 */
import '@/app/_lib/zodJitless';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { latLngToCell } from 'h3-js';
import type { HexagonDto } from '@/lib/hotspots/schemas';
import type { SystemsResponse } from '@/lib/systems/schemas';
import type { StationDto } from '@/lib/stations/schemas';
import { colorDomainOf } from '@/app/_lib/colorRamp';
import { explorerNotice, forecastNotice } from '@/app/_lib/explorerNotice';
import { formatInstant, formatPeriod } from '@/app/_lib/format';
import { forecastColorDomain, forecastHourLabel, forecastHourLead, forecastMapHexagons, hexagonAt, hexagonIndex } from '@/app/_lib/forecastView';
import { useForecast, useForecastPlayback } from '@/app/_lib/useForecast';
import { anchorDay, openingDay, periodAround } from '@/app/_lib/periods';
import { CLOSE_ZOOM, effectiveResolution } from '@/app/_lib/resolution';
import { useBasemap } from '@/app/_lib/useBasemap';
import { useCamera } from '@/app/_lib/useCamera';
import { useColorScheme } from '@/app/_lib/useColorScheme';
import { useHexagonDetail } from '@/app/_lib/useHexagonDetail';
import { prefetchHotspots, useHotspots } from '@/app/_lib/useHotspots';
import { usePlayback } from '@/app/_lib/usePlayback';
import { frameDomain, usePlaybackScale } from '@/app/_lib/usePlaybackScale';
import { pickSystem } from '@/app/_lib/openingView';
import { refreshSystems, useSystems } from '@/app/_lib/useSystems';
import { useUrlSync } from '@/app/_lib/useUrlSync';
import { STATION_DOTS_ZOOM, type StationDot } from '@/app/_lib/stationDots';
import { useStationDots } from '@/app/_lib/useStationDots';
import { useStations } from '@/app/_lib/useStations';
import type { ViewMode, ViewQuery } from '@/app/_lib/viewQuery';
import { systemMarkers, WORLD_ZOOM } from '@/app/_lib/worldMarkers';
import { Controls } from './Controls';
import { ForecastHour } from './ForecastHour';
import { ForecastLegend } from './ForecastLegend';
import { ForecastPanel } from './ForecastPanel';
import { ForecastTooltip } from './ForecastTooltip';
import { SystemPicker } from './SystemPicker';
import { HexagonPanel } from './HexagonPanel';
import { HexagonTooltip } from './HexagonTooltip';
import type { HexagonHover, StationHover } from './HotspotMap';
import { LazyHotspotMap } from './LazyHotspotMap';
import { Legend } from './Legend';
import { StateNotice } from './StateNotice';
import { StationSearch } from './StationSearch';
import { StationTooltip } from './StationTooltip';
import { StatusLine } from './StatusLine';
import { TopHotspots } from './TopHotspots';
import { ViewActions } from './ViewActions';

/** One empty list, so that the map's layers are not rebuilt on every render of Forecast mode. */
const NO_STATION_DOTS: StationDot[] = [];

/** Hexagons ranked as a day's answer ranks them: heaviest first. */
function rankedByWeight(hexagons: readonly HexagonDto[]): HexagonDto[] {
  return [...hexagons].sort((a, b) => b.weight - a.weight).map((h, i) => ({ ...h, rank: i + 1 }));
}

export function HotspotExplorer({ initial, systemsRendered }: { initial: ViewQuery; systemsRendered?: SystemsResponse }) {
  const [query, setQuery] = useState(initial);
  const update = useCallback((patch: Partial<ViewQuery>) => setQuery((q) => ({ ...q, ...patch })), []);
  const [hover, setHover] = useState<HexagonHover | null>(null);

  const systems = useSystems(systemsRendered);
  const system = pickSystem(systems.data?.systems, query.system);
  const { camera, onCameraChange, flyTo, flyToSystem, flyToWorld } = useCamera(system, initial.view);
  // The day of the day picker (and of the hexagon's hourly chart): the one chosen, kept inside a
  // period; by default the newest complete day.
  const date = anchorDay(query.date, query.period, system ? openingDay(system) : null);
  const periodChoice = useMemo(() => ({ period: query.period, weekdays: query.weekdays, base: query.base }), [query.period, query.weekdays, query.base]);
  const resolution = effectiveResolution(query.resolution, camera?.zoom ?? 12);
  // "auto" waits for the framing (an effect, from the window's size): an answer asked for at a
  // guessed zoom would not be the one shown (the page's preload is for the framed one).
  const resolutionKnown = camera !== null || query.resolution !== 'auto' || !system || (!system.bounds && !system.center);
  const forecasting = query.mode === 'forecast';
  const windowParams = useMemo(
    () => (system && date ? { system: system.id, date, from: query.from, to: query.to } : null),
    [system, date, query.from, query.to],
  );
  const hotspotsParams = useMemo(
    () => (windowParams && !forecasting && resolutionKnown ? { ...windowParams, ...periodChoice, metric: query.metric, resolution } : null),
    [windowParams, forecasting, resolutionKnown, periodChoice, query.metric, resolution],
  );
  const hotspots = useHotspots(hotspotsParams);
  // The previous picture stays while the next one loads: the map never flashes empty.
  const shown = !forecasting && hotspots.data && hotspots.data.system === system?.id ? hotspots.data : null;
  // A comparison whose base period holds no data compares nothing: the hexagons are drawn and
  // ranked as the period alone (its answer ranks them by a change that does not exist), and the
  // notice says why.
  const baseEmpty = shown?.base ? shown.base.daysWithData === 0 : false;
  const compared = Boolean(shown?.base) && !baseEmpty;
  const hexagons = useMemo(() => (baseEmpty ? rankedByWeight(shown?.hexagons ?? []) : (shown?.hexagons ?? [])), [shown, baseEmpty]);
  // The hovered hexagon as the answer on screen has it: a pointer that stays still while the answer
  // changes (metric, period, resolution) must not show the previous answer's figures.
  const hoveredHexagon = useMemo(() => (hover ? (hexagons.find((h) => h.h3 === hover.hexagon.h3) ?? null) : null), [hover, hexagons]);
  const [playing, setPlaying] = useState(false);
  const scaleParams = useMemo(
    () => (windowParams && !forecasting ? { system: windowParams.system, date: windowParams.date, ...periodChoice, metric: query.metric, resolution } : null),
    [windowParams, forecasting, periodChoice, query.metric, resolution],
  );
  const playbackScale = usePlaybackScale(scaleParams, playing);
  const colorDomain = useMemo(
    () => (playing && playbackScale.range ? (frameDomain(playbackScale.range, hexagons) ?? colorDomainOf(hexagons)) : colorDomainOf(hexagons)),
    [hexagons, playing, playbackScale.range],
  );
  const upToDate = !hotspots.loading && hotspots.dataUrl === hotspots.url;

  // Close in, every station as a dot coloured as the hexagons are; the search finds them by name or code.
  // Asked for only once needed (the search focused, or zoomed in close): not with the page's first answer.
  const [stationsWanted, setStationsWanted] = useState(false);
  const wantStations = useCallback(() => setStationsWanted(true), []);
  const stations = useStations(system && (stationsWanted || (camera?.zoom ?? 0) >= STATION_DOTS_ZOOM) ? system.id : null);
  const [stationHover, setStationHover] = useState<StationHover | null>(null);
  const dotsSource = useMemo(() => (shown ? { hexagons, resolution: shown.resolution, domain: colorDomain, compared } : null), [shown, hexagons, colorDomain, compared]);
  const dots = useStationDots({ zoom: camera?.zoom ?? 0, stations: stations.stations, params: hotspotsParams, shown: dotsSource });
  const hoveredDot = useMemo(() => (stationHover ? (dots.find((d) => d.id === stationHover.dot.id) ?? null) : null), [stationHover, dots]);

  // Forecast mode: one answer holds all 24 hours; the slider only picks which one is drawn.
  const forecast = useForecast(system && forecasting && resolutionKnown ? { system: system.id, resolution } : null);
  const predicted = forecasting && forecast.data && forecast.data.system === system?.id ? forecast.data : null;
  const forecastResolution = predicted ? (predicted.resolution as typeof resolution) : null;
  const forecastHexagons = useMemo(() => (predicted ? forecastMapHexagons(predicted.hexagons, query.hour) : []), [predicted, query.hour]);
  const forecastDomain = useMemo(() => (predicted ? forecastColorDomain(predicted.hexagons) : null), [predicted]);
  const forecastByH3 = useMemo(() => (predicted ? hexagonIndex(predicted.hexagons) : new Map<string, number>()), [predicted]);
  const forecastAt = (h3: string) => {
    const i = forecastByH3.get(h3);
    return predicted && i !== undefined ? hexagonAt(predicted.hexagons, i, query.hour) : null;
  };
  const hourLabel = predicted ? forecastHourLabel(predicted.issuedAt, query.hour, predicted.timezone) : `hour ${query.hour} of 24`;
  const setHour = useCallback((hour: number) => update({ hour }), [update]);
  const forecastPlayback = useForecastPlayback(query.hour, setHour);
  const drawn = forecasting ? forecastHexagons : hexagons;
  const drawnDomain = forecasting ? forecastDomain : colorDomain;
  const active = forecasting ? forecast : hotspots;

  const detail = useHexagonDetail(forecasting ? null : query.h3, windowParams);
  const scheme = useColorScheme();
  const basemap = useBasemap(system?.bounds ?? null, scheme);

  const setWindow = useCallback((from: number, to: number) => update({ from, to }), [update]);
  const playback = usePlayback({ playing, setPlaying, from: query.from, to: query.to, ready: upToDate && playbackScale.range !== null, setWindow });
  useEffect(() => {
    if (playback.playing && windowParams && query.from < 23) {
      prefetchHotspots({ ...windowParams, ...periodChoice, from: query.from + 1, to: query.from + 2, metric: query.metric, resolution });
    }
  }, [playback.playing, windowParams, periodChoice, query.from, query.metric, resolution]);

  // Back and Forward: the view of that history entry, its camera included.
  const navigate = useCallback(
    (next: ViewQuery) => {
      setPlaying(false);
      setHover(null);
      setQuery(next);
      if (next.view) onCameraChange(next.view);
    },
    [onCameraChange],
  );
  useUrlSync({ ...query, system: system?.id ?? query.system, date, view: camera }, systems.data !== null, navigate);

  // Esc closes the hexagon's panel and its tooltip.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      setHover(null);
      setStationHover(null);
      setQuery((q) => (q.h3 ? { ...q, h3: null } : q));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const select = useCallback(
    (hexagon: HexagonDto) => {
      // The panel takes over from the tooltip (on a phone the tooltip would cover it).
      setHover(null);
      update({ h3: hexagon.h3 });
    },
    [update],
  );
  const pick = useCallback(
    (hexagon: HexagonDto) => {
      update({ h3: hexagon.h3 });
      flyTo({ latitude: hexagon.lat, longitude: hexagon.lon, zoom: Math.max(camera?.zoom ?? 0, CLOSE_ZOOM[resolution]), pitch: camera?.pitch ?? 0, bearing: camera?.bearing ?? 0 });
    },
    [update, flyTo, camera, resolution],
  );

  // A station found by the search: flown to, close enough for the dots, with its hexagon open.
  const flyToStation = useCallback(
    (station: StationDto) => {
      const zoom = Math.max(camera?.zoom ?? 0, STATION_DOTS_ZOOM + 0.5);
      update({ h3: latLngToCell(station.lat, station.lon, effectiveResolution(query.resolution, zoom)) });
      flyTo({ latitude: station.lat, longitude: station.lon, zoom, pitch: camera?.pitch ?? 0, bearing: camera?.bearing ?? 0 });
    },
    [camera, query.resolution, update, flyTo],
  );
  const selectDot = useCallback(
    (dot: StationDot) => update({ h3: latLngToCell(dot.position[1], dot.position[0], (shown?.resolution as typeof resolution | undefined) ?? resolution) }),
    [update, shown, resolution],
  );

  const setMode = (mode: ViewMode) => {
    playback.stop();
    forecastPlayback.stop();
    update({ mode });
  };
  const showSystem = (id: string) => update({ system: id, date: null, h3: null });
  // Zoomed out past a city: every collected system as one marker; clicking one frames it.
  const systemList = systems.data?.systems;
  const zoomedOut = (camera?.zoom ?? 12) < WORLD_ZOOM;
  const markers = useMemo(() => (zoomedOut && systemList ? systemMarkers(systemList, Date.now()) : []), [zoomedOut, systemList]);
  const pickSystemMarker = (id: string) => {
    const target = systemList?.find((s) => s.id === id);
    if (target) flyToSystem(target);
    showSystem(id);
  };
  const notice = forecasting
    ? forecastNotice({ systems, requestedSystem: query.system, system, forecast, showSystem, showHistory: () => setMode('history') })
    : explorerNotice({
        systems,
        requestedSystem: query.system,
        system,
        date,
        from: query.from,
        to: query.to,
        hotspots,
        periodChoice,
        showSystem,
        showDate: (day) => update({ date: day, h3: null }),
        change: (patch) => update({ ...patch, h3: null }),
      });
  const selected = useMemo(() => (query.h3 ? (hexagons.find((h) => h.h3 === query.h3) ?? null) : null), [hexagons, query.h3]);

  return (
    <div
      className="explorer"
      data-testid="explorer"
      data-mode={query.mode}
      data-basemap={basemap.status}
      data-scheme={scheme}
      data-loading={active.loading ? 'true' : 'false'}
      data-url={active.dataUrl ?? ''}
    >
      <a className="skip-link" href="#controls">
        Skip to the controls
      </a>
      {system && (
        <LazyHotspotMap
          camera={camera}
          hexagons={drawn}
          colorDomain={drawnDomain}
          resolution={forecasting ? (forecastResolution ?? resolution) : ((shown?.resolution as typeof resolution | undefined) ?? resolution)}
          extruded={query.extruded}
          selectedH3={query.h3}
          highlightedH3={forecasting ? (hover && forecastByH3.has(hover.hexagon.h3) ? hover.hexagon.h3 : null) : (hoveredHexagon?.h3 ?? null)}
          compared={compared}
          mapStyle={basemap.style}
          mapStyleKey={basemap.key}
          onCameraChange={onCameraChange}
          onHover={setHover}
          onSelect={select}
          onBasemapLoaded={basemap.onLoaded}
          onBasemapFailed={basemap.onFailed}
          systemMarkers={markers}
          shownSystemId={system.id}
          onPickSystem={pickSystemMarker}
          stationDots={forecasting ? NO_STATION_DOTS : dots}
          highlightedStationId={hoveredDot?.id ?? null}
          onHoverStation={setStationHover}
          onSelectStation={selectDot}
          expectingHexagons={drawn.length > 0 || active.loading || (active.data === null && active.error === null && (forecasting ? resolutionKnown : hotspotsParams !== null))}
        />
      )}
      <header className="topbar">
        <h1 className="topbar__title">GBFS Hotspots</h1>
        {system && <StatusLine system={system} />}
      </header>
      <div className="sidebar" id="controls" tabIndex={-1}>
        {systems.data && (
          <SystemPicker
            systems={systems.data.systems}
            systemId={system?.id ?? null}
            onSystem={showSystem}
            onWorld={() => flyToWorld(systems.data?.systems ?? [])}
            onAdded={async (id) => {
              await refreshSystems();
              showSystem(id);
            }}
          />
        )}
        {system && <StationSearch stations={stations} onPick={flyToStation} onWanted={wantStations} />}
        {system && (date || forecasting) && (
          <Controls
            system={system}
            mode={query.mode}
            onMode={setMode}
            forecastControls={
              <ForecastHour
                hour={query.hour}
                label={hourLabel}
                lead={predicted ? forecastHourLead(predicted.issuedAt, query.hour, predicted.timezone) : null}
                issued={predicted ? formatInstant(predicted.issuedAt, predicted.timezone) : null}
                playing={forecastPlayback.playing}
                onHour={(hour) => {
                  forecastPlayback.stop();
                  setHour(hour);
                }}
                onTogglePlay={forecastPlayback.toggle}
              />
            }
            date={date}
            from={query.from}
            to={query.to}
            metric={query.metric}
            resolution={query.resolution}
            effectiveResolution={resolution}
            extruded={query.extruded}
            playing={playback.playing}
            periodChoice={periodChoice}
            onDate={(day) => update(periodAround(day, periodChoice))}
            onPeriod={(choice) => update({ ...choice, date, h3: null })}
            onWindow={(from, to) => {
              playback.stop();
              setWindow(from, to);
            }}
            onTogglePlay={playback.toggle}
            onMetric={(metric) => update({ metric })}
            onResolution={(choice) => update({ resolution: choice })}
            onExtruded={(extruded) => update({ extruded })}
          />
        )}
        {shown && colorDomain && (
          <Legend
            metric={shown.metric}
            unit={shown.unit}
            domain={colorDomain}
            hexagons={hexagons.length}
            stations={shown.stations}
            coverage={shown.coverage}
            extruded={query.extruded}
            comparison={
              shown.base && compared
                ? { period: formatPeriod(shown.period), base: formatPeriod(shown.base), largestDelta: hexagons.reduce((max, h) => Math.max(max, Math.abs(h.delta ?? 0)), 0) }
                : null
            }
          />
        )}
        {predicted && forecastDomain && (
          <ForecastLegend forecast={predicted} hour={query.hour} hourLabel={hourLabel} domain={forecastDomain} hexagons={forecastHexagons.length} />
        )}
        {predicted && forecastDomain && (
          <TopHotspots hexagons={forecastHexagons} metric="occupancy" domain={forecastDomain} selectedH3={query.h3} compared={false} onPick={pick} />
        )}
        {shown && colorDomain && <TopHotspots hexagons={hexagons} metric={shown.metric} domain={colorDomain} selectedH3={query.h3} compared={compared} onPick={pick} />}
        {system && <ViewActions params={shown ? hotspotsParams : null} />}
        {basemap.status === 'fallback' && (
          <p className="muted basemap-note" data-testid="basemap-fallback" title={basemap.fallbackReason ?? undefined}>
            The basemap could not be loaded (offline?): the hexagons draw on a plain background with a 0.01° grid.
          </p>
        )}
      </div>
      <StateNotice notice={notice} />
      {hover && shown && hoveredHexagon && <HexagonTooltip hexagon={hoveredHexagon} x={hover.x} y={hover.y} metric={shown.metric} total={hexagons.length} />}
      {stationHover && hoveredDot && shown && !forecasting && <StationTooltip dot={hoveredDot} x={stationHover.x} y={stationHover.y} metric={shown.metric} />}
      {hover && predicted && forecastByH3.has(hover.hexagon.h3) && (
        <ForecastTooltip hexagon={forecastAt(hover.hexagon.h3)!} hourLabel={hourLabel} x={hover.x} y={hover.y} />
      )}
      {query.h3 && predicted && forecastResolution && (
        <ForecastPanel
          system={predicted.system}
          resolution={forecastResolution}
          h3={query.h3}
          hexagon={forecastAt(query.h3)}
          hour={query.hour}
          hourLabel={hourLabel}
          onClose={() => update({ h3: null })}
        />
      )}
      {query.h3 && !forecasting && (
        <HexagonPanel
          h3={query.h3}
          summary={selected}
          detail={detail.data && detail.dataUrl === detail.url ? detail.data : null}
          loading={detail.loading}
          error={detail.error}
          metric={query.metric}
          from={query.from}
          to={query.to}
          system={system?.id ?? ''}
          timezone={system?.timezone ?? 'UTC'}
          day={date ?? ''}
          period={query.period ?? { start: date ?? '', end: date ?? '' }}
          onClose={() => update({ h3: null })}
          onRetry={detail.retry}
        />
      )}
    </div>
  );
}
