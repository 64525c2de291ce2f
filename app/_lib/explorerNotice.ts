/**
 * What the page says instead of (or over) the hexagons: which system or day is loading, why
 * there is nothing to show, what failed. The page never stays blank without one of these.
 */
import type { HotspotsResponse } from '@/lib/hotspots/schemas';
import type { ApiError } from './apiClient';
import type { Period } from '@/lib/api/periodFields';
import { formatDay, formatInstant, formatPeriod, hourLabel } from './format';
import { DAY_CHOICES, dayChoiceOf, keptDaysWithData, nextPeriod, periodOfSpan, spanOf } from './periods';
import { DEMO_HINT, retryOf } from './pollStatus';
import { historyShortfall, shortfallMessage } from './forecastView';
import type { Resource } from './useApiResource';
import type { ForecastResource } from './useForecast';
import type { SystemInfo, SystemsResource } from './useSystems';

export type Notice =
  | { kind: 'loading'; message: string }
  | { kind: 'empty'; message: string; hint?: string; action?: { label: string; run: () => void } }
  | { kind: 'error'; message: string; hint?: string; action?: { label: string; run: () => void } };

/** Days (a day "2026-12-07", or a period already in words) and the hours of the window. */
function describeWindow(days: string, from: number, to: number): string {
  const words = formatDay(days);
  return from === 0 && to === 24 ? words : `${words}, ${hourLabel(from)}–${hourLabel(to)}`;
}

/** "data from Mon 7 Dec 2026 to Tue 8 Dec 2026". */
function describeRange(range: { firstDay: string; lastDay: string }): string {
  return `data from ${formatDay(range.firstDay)} to ${formatDay(range.lastDay)}`;
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
  /** The period shown instead of the day, the weekdays it keeps, the comparison. */
  periodChoice: { period: Period | null; weekdays: number[] | null; base: Period | null };
  showSystem: (id: string) => void;
  showDate: (date: string) => void;
  /** Another period, weekday filter or comparison. */
  change: (patch: { date?: string; period?: Period | null; weekdays?: number[] | null; base?: Period | null }) => void;
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

type SystemsNoticeInput = Pick<NoticeInput, 'systems' | 'requestedSystem' | 'system' | 'showSystem'>;

/** What stands before any view: the systems loading or failing, none configured, an unknown one. */
function systemsNotice({ systems, system, requestedSystem, showSystem }: SystemsNoticeInput): Notice | null {
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
      message: `There is no system "${requestedSystem}" here. Known systems: ${known}.`,
      action: { label: `Show ${fallback.name}`, run: () => showSystem(fallback.id) },
    };
  }
  return null;
}

export interface ForecastNoticeInput extends SystemsNoticeInput {
  forecast: ForecastResource;
  /** Back to the day and period views. */
  showHistory: () => void;
}

/** Forecast mode's notices: loading, too little history (the 409, in figures), failures, nothing to forecast. */
export function forecastNotice(input: ForecastNoticeInput): Notice | null {
  const before = systemsNotice(input);
  const { system, forecast } = input;
  if (before || !system) return before;
  const shortfall = historyShortfall(forecast.error);
  if (shortfall) {
    return {
      kind: 'empty',
      message: shortfallMessage(shortfall),
      hint: 'The forecast starts by itself once the polls cover enough time; the History view shows what has been collected so far.',
      action: { label: 'Show the history', run: input.showHistory },
    };
  }
  if (forecast.error) return { kind: 'error', message: describeError(`the forecast of ${system.name}`, forecast.error), action: { label: 'Try again', run: forecast.retry } };
  const current = forecast.data && forecast.dataUrl === forecast.url ? forecast.data : null;
  if (!current) return { kind: 'loading', message: `Loading the forecast of ${system.name}…` };
  if (current.hexagons.h3.length === 0) return { kind: 'empty', message: `The forecast of ${system.name} has no station to show.` };
  return null;
}

export function explorerNotice(input: NoticeInput): Notice | null {
  const { system, hotspots } = input;
  const before = systemsNotice(input);
  if (before || !system) return before;
  if (!input.date) return noDataYet(system);

  const { period, weekdays } = input.periodChoice;
  const shownDays = period ? formatPeriod(period) : input.date;
  const what = `the hotspots of ${describeWindow(shownDays, input.from, input.to)}`;
  if (hotspots.error) return { kind: 'error', message: describeError(what, hotspots.error), action: { label: 'Try again', run: hotspots.retry } };
  const current = hotspots.data && hotspots.dataUrl === hotspots.url ? hotspots.data : null;
  if (!current) return { kind: 'loading', message: `Loading ${what}…` };
  const { firstDay, lastDay } = current.dataRange;
  if (current.hexagons.length > 0) return current.base && current.base.daysWithData === 0 && firstDay && lastDay ? emptyBase(current.base, { firstDay, lastDay }, input) : null;

  if (!firstDay || !lastDay) return { kind: 'empty', message: `No data for ${system.name} yet.` };
  const range = describeRange({ firstDay, lastDay });
  if (period) return emptyPeriod(period, weekdays, { firstDay, lastDay }, input);
  if (input.date < firstDay || input.date > lastDay) {
    return { kind: 'empty', message: `No data for ${formatDay(input.date)}; ${range}.`, action: { label: `Show ${formatDay(lastDay)}`, run: () => input.showDate(lastDay) } };
  }
  return { kind: 'empty', message: `No station was observed during ${describeWindow(input.date, input.from, input.to)} (${range}).` };
}

/**
 * A period with no hexagon: outside the data, or its weekday filter keeps none of the days that
 * have data. Offers the nearest period of the same kind that has some, or every day of this one.
 */
function emptyPeriod(period: Period, weekdays: number[] | null, range: { firstDay: string; lastDay: string }, input: NoticeInput): Notice {
  const dataRange = describeRange(range);
  const span = spanOf(period);
  const name = span === 'custom' ? 'period' : span;
  if (weekdays && keptDaysWithData(period, null, range).length > 0 && keptDaysWithData(period, weekdays, range).length === 0) {
    const kept = DAY_CHOICES[dayChoiceOf(weekdays)].label;
    // The same kind of period, nearer the newest data, whose kept weekdays have data.
    const nearest = span === 'week' || span === 'month' ? nearestPeriodWithKeptDays(span, period, weekdays, range) : null;
    return {
      kind: 'empty',
      message: `The days kept (${kept}) leave no day with data in ${formatPeriod(period)}: its data is on other days of the ${name} (${dataRange}).`,
      action: nearest
        ? { label: `Show ${kept} of ${formatPeriod(nearest)}`, run: () => input.change({ period: nearest, date: nearest.end < range.lastDay ? nearest.end : range.lastDay, base: null }) }
        : { label: `Show every day of this ${name}`, run: () => input.change({ weekdays: null }) },
    };
  }
  if (period.end < range.firstDay || period.start > range.lastDay) {
    const newest = span === 'week' || span === 'month' ? periodOfSpan(span, range.lastDay) : { start: range.lastDay, end: range.lastDay };
    return {
      kind: 'empty',
      message: `No data in ${formatPeriod(period)}; ${dataRange}.`,
      action: { label: `Show ${formatPeriod(newest)}`, run: () => input.change({ period: span === 'custom' ? null : newest, date: range.lastDay, base: null }) },
    };
  }
  return { kind: 'empty', message: `No station was observed during ${describeWindow(formatPeriod(period), input.from, input.to)} (${dataRange}).` };
}

function nearestPeriodWithKeptDays(span: 'week' | 'month', period: Period, weekdays: number[], range: { firstDay: string; lastDay: string }): Period | null {
  // Towards the newest data first, then back towards the first.
  for (const day of [range.lastDay, range.firstDay]) {
    const candidate = periodOfSpan(span, day);
    if (candidate.start !== period.start && keptDaysWithData(candidate, weekdays, range).length > 0) return candidate;
  }
  return null;
}

/**
 * A comparison whose base period has no data would compare with nothing: say so, and offer the
 * comparison that is possible (the next period against this one), else to stop comparing.
 */
function emptyBase(base: Period, range: { firstDay: string; lastDay: string }, input: NoticeInput): Notice {
  const shownPeriod = input.periodChoice.period ?? { start: input.date ?? range.lastDay, end: input.date ?? range.lastDay };
  const next = nextPeriod(shownPeriod);
  const message = `Nothing to compare with: ${formatPeriod(base)} holds no data (data since ${formatDay(range.firstDay)}). The map shows ${formatPeriod(shownPeriod)} alone.`;
  if (next.start > range.lastDay) return { kind: 'empty', message, action: { label: 'Stop comparing', run: () => input.change({ base: null }) } };
  return {
    kind: 'empty',
    message,
    action: {
      label: `Compare ${formatPeriod(next)} with ${formatPeriod(shownPeriod)}`,
      run: () => input.change({ period: input.periodChoice.period ? next : null, date: next.end < range.lastDay ? next.end : range.lastDay, base: shownPeriod }),
    },
  };
}
