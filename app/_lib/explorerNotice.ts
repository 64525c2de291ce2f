/**
 * What the page says instead of (or over) the hexagons: which system or day is loading, why
 * there is nothing to show, what failed. The page never stays blank without one of these.
 */
import type { HotspotsResponse } from '@/lib/api/schemas';
import type { ApiError } from './apiClient';
import { formatInstant, hourLabel } from './format';
import { DEMO_HINT, retryOf } from './pollStatus';
import type { Resource } from './useApiResource';
import type { SystemInfo, SystemsResource } from './useSystems';

export type Notice =
  | { kind: 'loading'; message: string }
  | { kind: 'empty'; message: string; hint?: string; action?: { label: string; run: () => void } }
  | { kind: 'error'; message: string; hint?: string; action?: { label: string; run: () => void } };

function describeWindow(date: string, from: number, to: number): string {
  return from === 0 && to === 24 ? date : `${date}, ${hourLabel(from)}–${hourLabel(to)}`;
}

function describeError(what: string, error: ApiError): string {
  const status = error.status === null ? '' : ` (HTTP ${error.status})`;
  return `Could not load ${what}: ${error.message}${status}.`;
}

export interface NoticeInput {
  systems: SystemsResource;
  /** The system id the URL asked for, if any. */
  requestedSystem: string | null;
  system: SystemInfo | null;
  date: string | null;
  from: number;
  to: number;
  hotspots: Resource<HotspotsResponse> & { url: string | null };
  showSystem: (id: string) => void;
  showDate: (date: string) => void;
}

/** Before the first hexagons: waiting for polls, or why they fail and what to do meanwhile. */
function noDataYet(system: SystemInfo): Notice {
  const attempt = system.lastAttempt;
  if (attempt?.status === 'failed') {
    const when = formatInstant(attempt.at, system.timezone);
    return {
      kind: 'error',
      message: `No data collected for ${system.name} yet: the last attempt (${when}) failed: ${attempt.error}; ${retryOf(system)}.`,
      hint: system.lastPoll === null ? DEMO_HINT : undefined,
    };
  }
  return { kind: 'empty', message: `No data collected for ${system.name} yet: the first hexagons appear a few minutes after the first polls.` };
}

export function explorerNotice(input: NoticeInput): Notice | null {
  const { systems, system, hotspots } = input;
  const list = systems.data?.systems;
  if (!list) {
    if (systems.error) return { kind: 'error', message: describeError('the list of systems', systems.error), action: { label: 'Try again', run: systems.retry } };
    return { kind: 'loading', message: 'Loading the systems…' };
  }
  if (list.length === 0) return { kind: 'empty', message: 'No bike-share system is configured on this server (see GBFS_SYSTEMS).' };
  if (!system) {
    const known = list.map((s) => s.id).join(', ');
    const fallback = list[0];
    return {
      kind: 'error',
      message: `There is no system "${input.requestedSystem}" here. Known systems: ${known}.`,
      action: { label: `Show ${fallback.name}`, run: () => input.showSystem(fallback.id) },
    };
  }
  if (!input.date) return noDataYet(system);

  const what = `the hotspots of ${describeWindow(input.date, input.from, input.to)}`;
  if (hotspots.error) return { kind: 'error', message: describeError(what, hotspots.error), action: { label: 'Try again', run: hotspots.retry } };
  const current = hotspots.data && hotspots.dataUrl === hotspots.url ? hotspots.data : null;
  if (!current) return { kind: 'loading', message: `Loading ${what}…` };
  if (current.hexagons.length > 0) return null;

  const { firstDay, lastDay } = current.dataRange;
  if (!firstDay || !lastDay) return { kind: 'empty', message: `No data for ${system.name} yet.` };
  const range = `data from ${firstDay} to ${lastDay}`;
  if (input.date < firstDay || input.date > lastDay) {
    return { kind: 'empty', message: `No data for ${input.date}; ${range}.`, action: { label: `Show ${lastDay}`, run: () => input.showDate(lastDay) } };
  }
  return { kind: 'empty', message: `No station was observed during ${describeWindow(input.date, input.from, input.to)} (${range}).` };
}
