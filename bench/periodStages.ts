/**
 * Period answers at one stage of the history (bench/historyStages.ts), each from the daily tiers
 * (what /api/hotspots and /api/profile read now) and summed from the hourly rollups (what they
 * read before), in the same process, interleaved, and checked to give the same figures: one day,
 * 28 days and 365 days of every hour, 28 days of 07:00–10:00, and the typical week of 28 days as
 * lib/profile/read.ts answers it: occupancy from the system tier, bikes from the stations' cells
 * (lib/profile/sql.ts; the hourly baseline in bench/profileQueries.ts). An answer is the queries plus
 * the hexagons (or the week's grids) computed from their rows; the station names looked up
 * afterwards cost the same both ways and are left out.
 */
import type { Db } from '@/db/client';
import { observedStationCount, weekHourCellsFromDaily, weekHourSumsFromSystemDaily } from '@/lib/profile/sql';
import { observedDays, periodFigures } from '@/lib/hotspots/sql';
import { computeHotspots } from '@/lib/hotspots/aggregate';
import { addDays, dayWindows, localDayWindow, selectedDays, totalSeconds } from '@/lib/calendar';
import type { WindowFigures } from '@/lib/hotspots/types';
import { cellMetricValue, secondsPerCell, sumMetricValue, weekProfile, type WeekHourCell, type WeekHourSums } from '@/lib/profile/weekProfile';
import { observedStationCountFromHourly, weekHourCellsFromHourly, weekHourSumsFromHourly } from './profileQueries';
import { hourlyObservedWindows, hourlyPeriodFigures } from './hourlyPeriodQueries';
import { BENCH_SYSTEM, MEASURED_DAY, TIME_ZONE } from './timeline';
import { median, ms, timed } from './timing';

const EVERY_WEEKDAY = [1, 2, 3, 4, 5, 6, 7];

export interface AnswerTiming {
  /** The database queries. */
  queryMs: number;
  /** Queries + hexagons (or the week's cells). */
  totalMs: number;
  rows: number;
}

export interface QuestionFigures {
  question: string;
  days: number;
  daily: AnswerTiming;
  hourly: AnswerTiming;
  /** hourly / daily, totals. */
  speedup: number;
  /** daily / the one-day answer from the daily tier, totals. */
  againstOneDay: number;
}

interface Question {
  question: string;
  days: number;
  from: number;
  to: number;
  /** A typical week: occupancy from the system tier, or bikes from the stations' cells. */
  profile?: 'system tier' | 'station cells';
}

const QUESTIONS: Question[] = [
  { question: 'one day', days: 1, from: 0, to: 24 },
  { question: '28 days', days: 28, from: 0, to: 24 },
  { question: '365 days', days: 365, from: 0, to: 24 },
  { question: '28 days, 07:00–10:00', days: 28, from: 7, to: 10 },
  { question: 'typical week, 28 days, occupancy (system tier)', days: 28, from: 0, to: 24, profile: 'system tier' },
  { question: 'typical week, 28 days, bikes (station cells)', days: 28, from: 0, to: 24, profile: 'station cells' },
];

interface Answer {
  queryMs: number;
  totalMs: number;
  /** Sorted rows, to check both ways agree. */
  rows: string[];
}

/** Rows compared at 12 significant digits: sums of whole seconds are exact, ratios summed in another order are not. */
const rowKeys = (rows: readonly object[]) =>
  rows.map((row) => JSON.stringify(row, (_, value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(12)) : value))).sort();

/** One timed answer: `read` (the queries), then `compute`; `rowsOf` gives what both ways must agree on. */
async function answer<T>(read: () => Promise<T>, compute: (result: T) => unknown, rowsOf: (result: T) => readonly object[]): Promise<Answer> {
  const [queryMs, result] = await timed(read);
  const [computeMs] = await timed(async () => compute(result));
  return { queryMs, totalMs: queryMs + computeMs, rows: rowKeys(rowsOf(result)) };
}

const rowsAnswer = <T extends object>(read: () => Promise<T[]>, compute: (rows: T[]) => unknown) => answer(read, compute, (rows) => rows);

/** A typical week as lib/profile/read.ts answers it: the week's cells and the stations observed, then the grids. */
function weekAnswer<Cell extends WeekHourSums>(read: () => Promise<[Cell[], number]>, value: (cell: Cell) => number | null, seconds: number[][]) {
  return answer(read, ([cells, stations]) => weekProfile(cells, value, stations, seconds), ([cells, stations]) => [...cells, { stations }]);
}

/** Both ways of answering one question. */
function answersOf(db: Db, { days: length, from, to, profile }: Question): { daily: () => Promise<Answer>; hourly: () => Promise<Answer> } {
  const start = addDays(MEASURED_DAY, 1 - length);
  const days = selectedDays(start, MEASURED_DAY, EVERY_WEEKDAY);
  const windows = dayWindows(days, from, to, TIME_ZONE);
  const options = { metric: 'occupancy' as const, resolution: 10 as const, windowSeconds: totalSeconds(windows) };
  const span = { start: localDayWindow(start, 0, 24, TIME_ZONE).start, end: localDayWindow(MEASURED_DAY, 0, 24, TIME_ZONE).end };
  const seconds = secondsPerCell(start, MEASURED_DAY, TIME_ZONE);
  const stations = () => observedStationCount(db, BENCH_SYSTEM, start, MEASURED_DAY);
  const hourlyStations = () => observedStationCountFromHourly(db, BENCH_SYSTEM, span.start, span.end);
  if (profile === 'system tier') {
    const occupancy = (cell: WeekHourSums) => sumMetricValue('occupancy', cell);
    return {
      daily: () => weekAnswer(() => Promise.all([weekHourSumsFromSystemDaily(db, BENCH_SYSTEM, start, MEASURED_DAY), stations()]), occupancy, seconds),
      hourly: () => weekAnswer(() => Promise.all([weekHourSumsFromHourly(db, BENCH_SYSTEM, TIME_ZONE, span.start, span.end), hourlyStations()]), occupancy, seconds),
    };
  }
  if (profile === 'station cells') {
    const bikes = (cell: WeekHourCell) => cellMetricValue('bikes', cell);
    return {
      daily: () => weekAnswer(() => Promise.all([weekHourCellsFromDaily(db, BENCH_SYSTEM, start, MEASURED_DAY), stations()]), bikes, seconds),
      hourly: () => weekAnswer(() => Promise.all([weekHourCellsFromHourly(db, BENCH_SYSTEM, TIME_ZONE, span.start, span.end), hourlyStations()]), bikes, seconds),
    };
  }
  const selection = { start, end: MEASURED_DAY, weekdays: EVERY_WEEKDAY, from, to };
  const hotspots = (rows: WindowFigures[]) => computeHotspots(rows, options);
  return {
    daily: () =>
      rowsAnswer(async () => (await Promise.all([periodFigures(db, BENCH_SYSTEM, selection), observedDays(db, BENCH_SYSTEM, selection)]))[0], hotspots),
    hourly: () =>
      rowsAnswer(async () => (await Promise.all([hourlyPeriodFigures(db, BENCH_SYSTEM, windows), hourlyObservedWindows(db, BENCH_SYSTEM, windows)]))[0], hotspots),
  };
}

const summary = (answers: Answer[]): AnswerTiming => ({
  queryMs: ms(median(answers.map((a) => a.queryMs))),
  totalMs: ms(median(answers.map((a) => a.totalMs))),
  rows: answers[0].rows.length,
});

export interface PeriodRuns {
  /** Timed answers from the daily tier per question (after one not counted). */
  daily: number;
  /** Timed answers summed from the hourly rollups (a year of them takes seconds). */
  hourly: number;
}

/** Every question whose period fits in `historyDays`, both ways. */
export async function measurePeriods(db: Db, historyDays: number, runs: PeriodRuns): Promise<QuestionFigures[]> {
  const figures: Array<Omit<QuestionFigures, 'againstOneDay'>> = [];
  for (const question of QUESTIONS.filter((q) => q.days <= historyDays)) {
    const ways = answersOf(db, question);
    // The first round warms caches and plans, and checks that both ways agree.
    const [firstDaily, firstHourly] = [await ways.daily(), await ways.hourly()];
    if (firstDaily.rows.length === 0 || firstDaily.rows.join('\n') !== firstHourly.rows.join('\n')) {
      throw new Error(`${question.question}: the daily tier gives ${firstDaily.rows.length} rows, the hourly rollups ${firstHourly.rows.length}, not the same`);
    }
    const daily: Answer[] = [];
    const hourly: Answer[] = [];
    const dailyPerRound = Math.ceil(runs.daily / runs.hourly);
    for (let round = 0; round < runs.hourly; round++) {
      hourly.push(await ways.hourly());
      for (let i = 0; i < dailyPerRound; i++) daily.push(await ways.daily());
    }
    const [d, h] = [summary(daily), summary(hourly)];
    figures.push({ question: question.question, days: question.days, daily: d, hourly: h, speedup: Math.round((h.totalMs / d.totalMs) * 10) / 10 });
  }
  const oneDay = figures[0].daily.totalMs;
  return figures.map((f) => ({ ...f, againstOneDay: Math.round((f.daily.totalMs / oneDay) * 100) / 100 }));
}
