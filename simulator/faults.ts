/**
 * Which requests a fault affects and how it changes what is served.
 *
 * Clock rule: a station_status request moves the clock only when it returns a valid document for
 * the next step. So the clock does NOT move for http500/429/404, hang, invalid_json, wrong_shape
 * (no document), truncated (the next document, cut: unusable) and stale (an older document). It
 * DOES move for huge, latin1_names and the content faults (duplicate_ids, bad_coordinates,
 * negative_counts, future/epoch_last_reported, unknown_stations, empty_stations): each is a
 * well-formed document for the new time, with bad data inside.
 */
import type { Fault, FaultKind, FeedName } from './types';

/** Answered without any feed document. */
export const NO_DOCUMENT_KINDS: ReadonlySet<FaultKind> = new Set([
  'http500',
  'http429',
  'http404',
  'hang',
  'invalid_json',
  'wrong_shape',
]);

/** Faults that alter rows of a document, and the feeds where those rows exist. */
export const CONTENT_FAULT_FEEDS: Partial<Record<FaultKind, readonly FeedName[]>> = {
  duplicate_ids: ['station_information', 'station_status'],
  bad_coordinates: ['station_information'],
  negative_counts: ['station_status'],
  future_last_reported: ['station_status'],
  epoch_last_reported: ['station_status'],
  unknown_stations: ['station_status'],
  empty_stations: ['station_information', 'station_status'],
};

/** Feeds that carry names (latin1_names elsewhere would change nothing). */
const FEEDS_WITH_NAMES: readonly FeedName[] = ['system_information', 'station_information', 'vehicle_types'];

/** Which document a request gets: the next step (moves the clock), a peek at it, or an old one. */
export type Moment = 'advance' | 'peek' | 'stale';

export function momentFor(kind: FaultKind | null): Moment {
  if (kind === 'truncated') return 'peek';
  if (kind === 'stale') return 'stale';
  return 'advance';
}

export function isContentFault(kind: FaultKind): boolean {
  return CONTENT_FAULT_FEEDS[kind] !== undefined;
}

/**
 * Whether `kind` means anything for `feed`. A fault on feed 'any' only hits the feeds where it
 * applies, and a request it does not apply to is served normally without using up `times`.
 */
export function faultApplies(kind: FaultKind, feed: FeedName, contentFaults: boolean): boolean {
  const contentFeeds = CONTENT_FAULT_FEEDS[kind];
  if (contentFeeds) return contentFaults && contentFeeds.includes(feed);
  if (kind === 'latin1_names') return FEEDS_WITH_NAMES.includes(feed);
  return true;
}

/** The one active fault, with its remaining uses. */
export class FaultSlot {
  private fault: Fault | null = null;
  private remaining = Infinity;

  set(fault: Fault | null): void {
    this.fault = fault ? { ...fault } : null;
    this.remaining = fault?.times ?? Infinity;
  }

  /** The fault for this request, if any, counting one use. */
  take(feed: FeedName, contentFaults: boolean): Fault | null {
    const fault = this.fault;
    if (!fault || this.remaining <= 0) return null;
    if (fault.feed !== 'any' && fault.feed !== feed) return null;
    if (!faultApplies(fault.kind, feed, contentFaults)) return null;
    this.remaining -= 1;
    if (this.remaining <= 0) this.fault = null;
    return fault;
  }
}
