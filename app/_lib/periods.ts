/**
 * The periods the map offers around its day: the day itself, its ISO week (Monday to Sunday), its
 * calendar month, or any range; which days of it to keep; and "the previous period" to compare with.
 */
import type { Period } from '@/lib/api/periodFields';
import { addDays, daysInPeriod, isoWeekday } from '@/lib/calendar';

export type Span = 'day' | 'week' | 'month' | 'custom';
export type DayChoice = 'all' | 'weekdays' | 'weekends';

export const DAY_CHOICES: Record<DayChoice, { label: string; weekdays: number[] | null }> = {
  all: { label: 'All days', weekdays: null },
  weekdays: { label: 'Weekdays (Mon–Fri)', weekdays: [1, 2, 3, 4, 5] },
  weekends: { label: 'Weekends', weekdays: [6, 7] },
};

const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function weekOf(day: string): Period {
  const start = addDays(day, 1 - isoWeekday(day));
  return { start, end: addDays(start, 6) };
}

export function monthOf(day: string): Period {
  const [y, m] = day.split('-').map(Number);
  return { start: toDay(Date.UTC(y, m - 1, 1)), end: toDay(Date.UTC(y, m, 0)) };
}

export function periodOfSpan(span: Exclude<Span, 'custom'>, day: string): Period {
  return span === 'day' ? { start: day, end: day } : span === 'week' ? weekOf(day) : monthOf(day);
}

/** What a period is called in the picker: a day, a week, a month, else a custom range. */
export function spanOf(period: Period): Span {
  if (period.start === period.end) return 'day';
  const week = weekOf(period.start);
  if (week.start === period.start && week.end === period.end) return 'week';
  const month = monthOf(period.start);
  return month.start === period.start && month.end === period.end ? 'month' : 'custom';
}

/** The period just before: the previous calendar month of a month, else as many days right before. */
export function previousPeriod(period: Period): Period {
  if (spanOf(period) === 'month') return monthOf(addDays(period.start, -1));
  const days = daysInPeriod(period.start, period.end);
  return { start: addDays(period.start, -days), end: addDays(period.start, -1) };
}

export function dayChoiceOf(weekdays: readonly number[] | null): DayChoice {
  const key = weekdays?.join(',') ?? '';
  return (Object.keys(DAY_CHOICES) as DayChoice[]).find((choice) => (DAY_CHOICES[choice].weekdays?.join(',') ?? '') === key) ?? 'all';
}

/** Another day picked: a week or a month follows it (with its comparison), a custom range stays. */
export function periodAround(day: string, choice: { period: Period | null; base: Period | null }): { date: string | null; period: Period | null; base: Period | null } {
  const span = choice.period ? spanOf(choice.period) : 'day';
  if (span === 'custom') return { date: day, period: choice.period, base: choice.base };
  const period = span === 'day' ? null : periodOfSpan(span, day);
  const base = choice.base ? previousPeriod(period ?? { start: day, end: day }) : null;
  return { date: day, period, base };
}

/**
 * The day the map opens on: the newest complete day. The newest day with data is the one being
 * collected (or the one collection stopped in), so its ranks and colours would come from a sliver.
 */
export function openingDay(range: { firstDay: string | null; lastDay: string | null }): string | null {
  const { firstDay, lastDay } = range;
  if (!firstDay || !lastDay) return lastDay;
  return firstDay < lastDay ? addDays(lastDay, -1) : lastDay;
}

/**
 * The day the person chose, kept while a week, a month or a range is shown so that going back to
 * Day lands on it again; a day outside the period gives way to the period's last day.
 */
export function anchorDay(date: string | null, period: Period | null, fallback: string | null): string | null {
  if (!period) return date ?? fallback;
  return date !== null && date >= period.start && date <= period.end ? date : period.end;
}

/** The days of a period that a weekday filter keeps and the data covers (empty: none). */
export function keptDaysWithData(period: Period, weekdays: readonly number[] | null, range: { firstDay: string; lastDay: string }): string[] {
  const days: string[] = [];
  const start = period.start > range.firstDay ? period.start : range.firstDay;
  const end = period.end < range.lastDay ? period.end : range.lastDay;
  for (let day = start; day <= end; day = addDays(day, 1)) {
    if (!weekdays || weekdays.includes(isoWeekday(day))) days.push(day);
  }
  return days;
}

/** The period just after: the next calendar month of a month, else as many days right after. */
export function nextPeriod(period: Period): Period {
  if (spanOf(period) === 'month') return monthOf(addDays(period.end, 1));
  const days = daysInPeriod(period.start, period.end);
  return { start: addDays(period.end, 1), end: addDays(period.end, days) };
}
