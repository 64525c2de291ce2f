/**
 * The view the page opens on, before the person moves anything: which system, where the map frames
 * it, and so which answer the map asks for first. Pure: the server page names that answer for the
 * browser to fetch while the page's code loads (a preload per screen size, as media queries, since
 * the framing depends on a size the server does not know); the client frames and asks with the
 * same rules.
 */
import type { SystemsResponse } from '@/lib/systems/schemas';
import type { Resolution } from '@/lib/hotspots/types';
import { hotspotsUrl } from './endpoints';
import { areaForZoom, frameBounds, type Padding } from './frameBounds';
import { anchorDay, openingDay } from './periods';
import { AUTO_RESOLUTION_FROM_ZOOM, effectiveResolution } from './resolution';
import type { MapView, ViewQuery } from './viewQuery';

type SystemInfo = SystemsResponse['systems'][number];
type Bounds = readonly [number, number, number, number];

/** Screens at least this wide have the sidebar beside the map; narrower ones stack it. */
const WIDE_SCREEN = 900;
/** The closest zoom a framed system opens at. */
const FRAME_MAX_ZOOM = 15;
/** The zoom of a system known only by its centre. */
const CENTRE_ZOOM = 12;

/** Room the floating panels take over the map, so the stations are framed beside them. */
export function framePadding(width: number): Padding {
  const wide = width >= WIDE_SCREEN;
  return { top: 72, right: 24, bottom: wide ? 24 : 280, left: wide ? 360 : 24 };
}

/** The camera that frames a system's stations on a screen of `size` (null: nowhere to look). */
export function frameSystem(system: Pick<SystemInfo, 'bounds' | 'center'>, size: { width: number; height: number }): MapView | null {
  if (system.bounds) return frameBounds(system.bounds, size, framePadding(size.width), FRAME_MAX_ZOOM);
  if (system.center) return { latitude: system.center.lat, longitude: system.center.lon, zoom: CENTRE_ZOOM, pitch: 0, bearing: 0 };
  return null;
}

/** The system a view asks for, or the first one when it asks for none (or an unknown one). */
export function pickSystem(systems: readonly SystemInfo[] | undefined, id: string | null): SystemInfo | null {
  if (!systems || systems.length === 0) return null;
  return systems.find((s) => s.id === id) ?? (id === null ? systems[0] : null);
}

const px = (n: number) => `${Math.round(n * 100) / 100}px`;

/** A media query true on the screens where framing `bounds` reaches at least `zoom`. */
function framedAtLeast(bounds: Bounds, zoom: number): string {
  if (zoom === -Infinity) return 'all';
  if (zoom > FRAME_MAX_ZOOM) return 'not all';
  const area = areaForZoom(bounds, zoom);
  // frameBounds keeps at least 50 px each way, whatever the padding leaves.
  const side = (padding: Padding) => {
    const parts = [];
    if (area.width > 50) parts.push(`(width >= ${px(area.width + padding.left + padding.right)})`);
    if (area.height > 50) parts.push(`(height >= ${px(area.height + padding.top + padding.bottom)})`);
    return parts;
  };
  const wide = [`(width >= ${WIDE_SCREEN}px)`, ...side(framePadding(WIDE_SCREEN))].join(' and ');
  const narrow = [`(width < ${WIDE_SCREEN}px)`, ...side(framePadding(0))].join(' and ');
  return `(${wide}) or (${narrow})`;
}

/** For each resolution "auto" can give a framed system, the screens (a media query) on which it does. */
export function framedResolutionMedia(bounds: Bounds): { resolution: Resolution; media: string }[] {
  return AUTO_RESOLUTION_FROM_ZOOM.flatMap(({ resolution, fromZoom }, i) => {
    if (fromZoom > FRAME_MAX_ZOOM) return [];
    const from = framedAtLeast(bounds, fromZoom);
    const next = AUTO_RESOLUTION_FROM_ZOOM[i + 1];
    const upTo = next ? framedAtLeast(bounds, next.fromZoom) : 'not all';
    if (upTo === 'not all') return [{ resolution, media: from }];
    return [{ resolution, media: from === 'all' ? `not (${upTo})` : `(${from}) and (not (${upTo}))` }];
  });
}

export interface AnswerPreload {
  href: string;
  /** The screens it is for (absent: every screen). */
  media?: string;
}

/**
 * The hotspots answer the page will ask for first, for the browser to fetch while the page's code
 * loads: one URL when the view fixes the resolution (or the zoom), else one per resolution a
 * framed system can open at, each for the screens on which it does.
 */
export function openingHotspotsPreloads(systems: readonly SystemInfo[] | undefined, query: ViewQuery): AnswerPreload[] {
  if (query.mode !== 'history') return [];
  const system = pickSystem(systems, query.system);
  const date = system ? anchorDay(query.date, query.period, openingDay(system)) : null;
  if (!system || !date) return [];
  const { from, to, period, weekdays, base, metric } = query;
  const at = (resolution: Resolution) => hotspotsUrl({ system: system.id, date, from, to, period, weekdays, base, metric, resolution });
  if (query.resolution !== 'auto') return [{ href: at(query.resolution) }];
  if (query.view) return [{ href: at(effectiveResolution('auto', query.view.zoom)) }];
  if (system.bounds) return framedResolutionMedia(system.bounds).map(({ resolution, media }) => ({ href: at(resolution), media }));
  if (system.center) return [{ href: at(effectiveResolution('auto', CENTRE_ZOOM)) }];
  return [];
}
