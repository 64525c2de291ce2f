import { describe, expect, it } from 'vitest';
import { addFigures, creditInterval, creditPoll, sumFigures, sumWindow } from './credit';
import { localDayWindow } from '../calendar';
import {
  CELL,
  MAX_GAP,
  PARIS,
  at,
  creditPolls,
  figures,
  pollsEvery,
  rowOf,
  station,
  windowSums,
} from '../../test/support/testPolls';

const MINUTE = 60;
const HOUR = 3600;
const JUNE_10 = '2025-06-10';
const MORNING_8_TO_9 = localDayWindow(JUNE_10, 8, 9, PARIS);

describe('crediting poll sequences', () => {
  it('credits two stations of one hexagon for the hour between polls, not the last poll', () => {
    const halfPast = at('2025-06-10T08:30+02:00');
    const polls = pollsEvery(at('2025-06-10T08:00+02:00'), at('2025-06-10T09:00+02:00'), MINUTE, (t) => [
      station('A', CELL.hotelDeVille, t < halfPast ? 5 : 8, t < halfPast ? 15 : 12),
      station('B', CELL.hotelDeVille, 0, 10, { ebikes: 0, mechanical: 0 }),
    ]);
    const rows = windowSums(polls, MORNING_8_TO_9);
    expect(rows).toHaveLength(2);
    expect(rowOf(rows, 'A')).toEqual(
      figures('A', CELL.hotelDeVille, { observedS: HOUR, bikeS: 5 * 1800 + 8 * 1800, dockS: 15 * 1800 + 12 * 1800 }),
    );
    expect(rowOf(rows, 'B')).toEqual(
      figures('B', CELL.hotelDeVille, { observedS: HOUR, typedS: HOUR, dockS: 10 * HOUR, emptyS: HOUR }),
    );
    // The 09:00 poll holds until the next one, which has not come: the 9–10 hour is empty.
    expect(windowSums(polls, localDayWindow(JUNE_10, 9, 10, PARIS))).toEqual([]);
  });

  it('leaves a gap longer than MAX_GAP unobserved and credits one of exactly MAX_GAP', () => {
    const polls = [
      at('2025-06-10T08:00+02:00'),
      at('2025-06-10T08:15+02:00'), // 900 s after the previous poll: credited
      at('2025-06-10T08:30:01+02:00'), // 901 s: the 08:15 state is not credited
      at('2025-06-10T08:40+02:00'),
    ].map((t) => ({ t, states: [station('A', CELL.hotelDeVille, 2, 8)] }));
    const row = rowOf(windowSums(polls, MORNING_8_TO_9), 'A');
    expect(row.observedS).toBe(900 + 599);
    expect(row.bikeS).toBe(2 * 1499);
    expect(row.dockS).toBe(8 * 1499);
  });

  it('does not credit a station while it is not installed', () => {
    const from = at('2025-06-10T06:00+02:00');
    const polls = pollsEvery(from, at('2025-06-10T10:00+02:00'), 5 * MINUTE, (t) => [
      station('A', CELL.hotelDeVille, 3, 7, {
        installed: !(t >= at('2025-06-10T07:00+02:00') && t < at('2025-06-10T08:00+02:00')),
      }),
    ]);
    const hourly = creditPolls(polls);
    expect(hourly.map((row) => [row.hourStart, row.observedS])).toEqual([
      [from, HOUR],
      [from + 2 * HOUR, HOUR],
      [from + 3 * HOUR, HOUR],
    ]);
    const row = rowOf(windowSums(polls, localDayWindow(JUNE_10, 6, 10, PARIS)), 'A');
    expect(row).toEqual(figures('A', CELL.hotelDeVille, { observedS: 3 * HOUR, bikeS: 9 * HOUR, dockS: 21 * HOUR }));
  });

  it('counts an overflowing station as reported (capacity 20, 25 bikes + 3 docks)', () => {
    const polls = pollsEvery(at('2025-06-10T08:00+02:00'), at('2025-06-10T09:00+02:00'), 10 * MINUTE, () => [
      station('A', CELL.hotelDeVille, 25, 3),
    ]);
    expect(rowOf(windowSums(polls, MORNING_8_TO_9), 'A')).toEqual(
      figures('A', CELL.hotelDeVille, { observedS: HOUR, bikeS: 25 * HOUR, dockS: 3 * HOUR }),
    );
  });

  it('does not credit a station absent from a poll, flagged or simply missing', () => {
    const absentAt = at('2025-06-10T08:20+02:00');
    const missingAt = at('2025-06-10T08:40+02:00');
    const polls = pollsEvery(at('2025-06-10T08:00+02:00'), at('2025-06-10T09:00+02:00'), 10 * MINUTE, (t) =>
      t === missingAt ? [] : [station('A', CELL.hotelDeVille, 4, 6, { present: t !== absentAt })],
    );
    const row = rowOf(windowSums(polls, MORNING_8_TO_9), 'A');
    expect(row.observedS).toBe(HOUR - 2 * 10 * MINUTE);
    expect(row.bikeS).toBe(4 * 2400);
  });

  it('treats bikes + docks = 0 as unobserved', () => {
    const polls = pollsEvery(at('2025-06-10T08:00+02:00'), at('2025-06-10T09:00+02:00'), 10 * MINUTE, (t) => [
      t === at('2025-06-10T08:20+02:00') || t === at('2025-06-10T08:30+02:00')
        ? station('A', CELL.hotelDeVille, 0, 0)
        : station('A', CELL.hotelDeVille, 0, 5),
      station('Dead', CELL.louvre, 0, 0),
    ]);
    const rows = windowSums(polls, MORNING_8_TO_9);
    expect(rows).toEqual([figures('A', CELL.hotelDeVille, { observedS: 2400, dockS: 5 * 2400, emptyS: 2400 })]);
  });

  it('integrates typed bikes, full and empty time', () => {
    const polls = [
      { t: at('2025-06-10T08:00+02:00'), states: [station('A', CELL.hotelDeVille, 10, 0, { ebikes: 3, mechanical: 7 })] },
      { t: at('2025-06-10T08:10+02:00'), states: [station('A', CELL.hotelDeVille, 6, 4)] },
      { t: at('2025-06-10T08:20+02:00'), states: [station('A', CELL.hotelDeVille, 0, 10, { ebikes: 0, mechanical: 0 })] },
      { t: at('2025-06-10T08:25+02:00'), states: [] },
    ];
    expect(rowOf(windowSums(polls, MORNING_8_TO_9), 'A')).toEqual(
      figures('A', CELL.hotelDeVille, {
        observedS: 1500,
        bikeS: 10 * 600 + 6 * 600,
        typedS: 600 + 300,
        ebikeS: 3 * 600,
        mechanicalS: 7 * 600,
        dockS: 4 * 600 + 10 * 300,
        fullS: 600,
        emptyS: 300,
      }),
    );
  });

  it('credits a 23-hour and a 25-hour Paris day in full, hour by hour', () => {
    for (const [date, hours] of [
      ['2025-03-30', 23],
      ['2025-10-26', 25],
    ] as const) {
      const day = localDayWindow(date, 0, 24, PARIS);
      const polls = pollsEvery(day.start, day.end, 15 * MINUTE, () => [station('A', CELL.hotelDeVille, 3, 7)]);
      expect(creditPolls(polls)).toHaveLength(hours);
      expect(rowOf(windowSums(polls, day), 'A')).toEqual(
        figures('A', CELL.hotelDeVille, { observedS: hours * HOUR, bikeS: 3 * hours * HOUR, dockS: 7 * hours * HOUR }),
      );
    }
  });

  it('credits an interval across the fall-back to both local 02:00 hours, both in the 2–3 window', () => {
    const from = at('2025-10-26T02:50+02:00');
    const to = at('2025-10-26T02:05+01:00');
    const rows = creditInterval(station('A', CELL.hotelDeVille, 1, 1), from, to, PARIS, MAX_GAP);
    expect(rows.map((row) => [row.hourStart, row.observedS])).toEqual([
      [at('2025-10-26T02:00+02:00'), 600],
      [at('2025-10-26T02:00+01:00'), 300],
    ]);
    expect(rowOf(sumWindow(rows, localDayWindow('2025-10-26', 2, 3, PARIS)), 'A').observedS).toBe(900);
    expect(sumWindow(rows, localDayWindow('2025-10-26', 3, 4, PARIS))).toEqual([]);
  });

  it('credits an interval across the spring-forward to local hours 01 and 03', () => {
    const rows = creditInterval(
      station('A', CELL.hotelDeVille, 2, 0),
      at('2025-03-30T01:50+01:00'),
      at('2025-03-30T03:05+02:00'),
      PARIS,
      MAX_GAP,
    );
    expect(rows.map((row) => [row.hourStart, row.observedS, row.bikeS, row.fullS])).toEqual([
      [at('2025-03-30T01:00+01:00'), 600, 1200, 600],
      [at('2025-03-30T03:00+02:00'), 300, 600, 300],
    ]);
  });

  it('splits Asia/Kolkata intervals at :30 UTC', () => {
    const rows = creditInterval(
      station('K', CELL.hotelDeVille, 1, 2),
      at('2025-06-10T04:20Z'),
      at('2025-06-10T04:35Z'),
      'Asia/Kolkata',
      MAX_GAP,
    );
    expect(rows.map((row) => [row.hourStart, row.observedS, row.dockS])).toEqual([
      [at('2025-06-10T03:30Z'), 600, 1200],
      [at('2025-06-10T04:30Z'), 300, 600],
    ]);
  });
});

describe('credit edge cases', () => {
  const a = station('A', CELL.hotelDeVille, 1, 1);
  const t0 = at('2025-06-10T08:00+02:00');

  it('credits nothing for an empty or backwards interval', () => {
    expect(creditInterval(a, t0, t0, PARIS, MAX_GAP)).toEqual([]);
    expect(creditInterval(a, t0, t0 - 60, PARIS, MAX_GAP)).toEqual([]);
    expect(creditPoll([a], t0, t0 + MAX_GAP + 1, PARIS, MAX_GAP)).toEqual([]);
  });

  it('gives a whole poll the rows of its stations, one per key', () => {
    const b = station('B', CELL.louvre, 0, 3);
    const notInstalled = station('C', CELL.louvre, 5, 5, { installed: false });
    const from = at('2025-06-10T08:55+02:00');
    const to = at('2025-06-10T09:05+02:00');
    const rows = creditPoll([a, notInstalled, b], from, to, PARIS, MAX_GAP);
    expect(rows).toHaveLength(4);
    expect(rows).toEqual([...creditInterval(a, from, to, PARIS, MAX_GAP), ...creditInterval(b, from, to, PARIS, MAX_GAP)]);
  });

  it('merges rows of the same station, cell and hour', () => {
    const first = { ...figures('A', CELL.hotelDeVille, { observedS: 60, bikeS: 120 }), hourStart: t0 };
    const second = { ...figures('A', CELL.hotelDeVille, { observedS: 30, fullS: 30 }), hourStart: t0 };
    const otherHour = { ...second, hourStart: t0 + HOUR };
    expect(sumFigures([first, second, otherHour])).toEqual([
      { ...figures('A', CELL.hotelDeVille, { observedS: 90, bikeS: 120, fullS: 30 }), hourStart: t0 },
      otherHour,
    ]);
    expect(addFigures(first, second)).toEqual(sumFigures([first, second])[0]);
    expect(first.observedS).toBe(60);
  });
});
