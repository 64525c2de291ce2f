/**
 * A period of local days as the API takes it (`date`, or `start` and `end`, and `weekdays`): one
 * definition for every route that reads a period (hotspots, profile, episodes, export).
 */
import { z } from 'zod';
import { daysInPeriod, isValidCalendarDate } from '@/lib/calendar';
import { systemIdSchema } from '@/lib/systems/catalog';

/** A leap year: any calendar year fits; a longer period is a mistake or a job for several calls. */
export const MAX_PERIOD_DAYS = 366;

/** A local day named after its parameter in every message: "start must be YYYY-MM-DD". */
export const localDaySchema = (name: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${name} is required (YYYY-MM-DD)` : `${name} must be YYYY-MM-DD`) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be YYYY-MM-DD`)
    .refine(isValidCalendarDate, `${name} is not a real calendar date`);

export const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** "1,2,3,4,5" (ISO weekdays, 1 = Monday) → [1, 2, 3, 4, 5], sorted, each once. */
export const weekdaysSchema = z
  .string()
  .regex(/^[1-7](,[1-7])*$/, 'weekdays must be ISO weekdays 1-7 (1 = Monday), comma-separated, e.g. 1,2,3,4,5')
  .transform((value) => [...new Set(value.split(',').map(Number))].sort((a, b) => a - b));

export interface Period {
  start: string;
  end: string;
}

type PeriodInput = { date?: string; start?: string; end?: string };

/**
 * `date=D` or `start` and `end` (inclusive, at most MAX_PERIOD_DAYS): the issues name the
 * parameter to fix. `prefix` names a second period's parameters (`baseDate`, `baseStart`, `baseEnd`).
 */
export function checkPeriod(input: PeriodInput, context: z.RefinementCtx, names = { date: 'date', start: 'start', end: 'end' }, required = true): void {
  const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
  if (input.date !== undefined) {
    if (input.start !== undefined || input.end !== undefined) issue(names.date, `give either ${names.date} or ${names.start} and ${names.end}, not both`);
    return;
  }
  if (input.start === undefined && input.end === undefined) {
    if (required) issue(names.date, `${names.date} is required (YYYY-MM-DD), or ${names.start} and ${names.end} for a period`);
    return;
  }
  if (input.start === undefined) return issue(names.start, `${names.start} is required with ${names.end}`);
  if (input.end === undefined) return issue(names.end, `${names.end} is required with ${names.start}`);
  if (input.end < input.start) return issue(names.end, `${names.end} must not be before ${names.start}`);
  if (daysInPeriod(input.start, input.end) > MAX_PERIOD_DAYS) issue(names.end, `a period is at most ${MAX_PERIOD_DAYS} days`);
}

/** The period a checked input names. */
export function periodOf(input: PeriodInput): Period | null {
  if (input.date !== undefined) return { start: input.date, end: input.date };
  return input.start !== undefined && input.end !== undefined ? { start: input.start, end: input.end } : null;
}

/** The system and the local days of a route that reads one period (profile, episodes, export); check with checkPeriod. */
export const periodQueryFields = {
  system: systemIdSchema.optional().describe('System id (default: the first configured system)'),
  start: localDaySchema('start').describe("First local day of the period, YYYY-MM-DD (the system's time zone)"),
  end: localDaySchema('end').describe(`Last local day of the period, YYYY-MM-DD, included; a period is at most ${MAX_PERIOD_DAYS} days`),
};
