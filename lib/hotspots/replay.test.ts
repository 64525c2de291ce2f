import { describe, expect, it } from 'vitest';
import { RollupReplay, replayBoundary, type HistoryChunk } from './replay';
import { CELL, MAX_GAP, PARIS, at, figures } from '../../test/support/testPolls';
import type { HourlyFigures } from './types';

const t = (hhmm: string) => at(`2025-06-10T${hhmm}+02:00`);
const HOUR_7 = t('07:00');
const HOUR_8 = t('08:00');

const status = (stationId: string, time: string, bikes: number, docks: number) => ({
  stationId,
  t: t(time),
  present: true,
  installed: true,
  bikes,
  docks,
  ebikes: null,
  mechanical: null,
});

/**
 * Polls at 07:50, 08:00, 08:10, 08:40 (30 minutes later: a gap) and 08:50. Station a stands in
 * one cell and goes from 2 to 5 bikes at 08:10; station b is empty and moves cell at 08:00.
 */
const HISTORY: HistoryChunk = {
  pollTimes: ['07:50', '08:00', '08:10', '08:40', '08:50'].map(t),
  versions: [
    { stationId: 'a', t: t('07:50'), h3: CELL.chatelet },
    { stationId: 'b', t: t('07:50'), h3: CELL.louvre },
    { stationId: 'b', t: t('08:00'), h3: CELL.bastille },
  ],
  statuses: [status('a', '07:50', 2, 8), status('b', '07:50', 0, 10), status('a', '08:10', 5, 5)],
};

const row = (hourStart: number, stationId: string, h3: string, nonZero: Parameters<typeof figures>[2]): HourlyFigures => ({
  hourStart,
  ...figures(stationId, h3, nonZero),
});

const EXPECTED = [
  row(HOUR_7, 'a', CELL.chatelet, { observedS: 600, bikeS: 1200, dockS: 4800 }),
  row(HOUR_7, 'b', CELL.louvre, { observedS: 600, dockS: 6000, emptyS: 600 }),
  // 08:00-08:10 with 2 bikes, 08:10-08:40 unobserved (gap), 08:40-08:50 with 5.
  row(HOUR_8, 'a', CELL.chatelet, { observedS: 1200, bikeS: 1200 + 3000, dockS: 4800 + 3000 }),
  row(HOUR_8, 'b', CELL.bastille, { observedS: 1200, dockS: 12000, emptyS: 1200 }),
];

const sorted = (rows: HourlyFigures[]) => [...rows].sort((x, y) => x.hourStart - y.hourStart || x.stationId.localeCompare(y.stationId));

function replayAll(chunks: Array<[HistoryChunk, number]>, boundary = HOUR_7) {
  const replay = new RollupReplay(PARIS, MAX_GAP, boundary);
  const rows = chunks.flatMap(([chunk, to]) => replay.replay(chunk, to));
  return { rows: sorted([...rows, ...replay.finish()]), polls: replay.polls };
}

/** The events of (from, to]. */
function slice(from: number, to: number): HistoryChunk {
  const inside = (time: number) => time > from && time <= to;
  return {
    pollTimes: HISTORY.pollTimes.filter(inside),
    versions: HISTORY.versions.filter((v) => inside(v.t)),
    statuses: HISTORY.statuses.filter((s) => inside(s.t)),
  };
}

describe('replaying stored history into hourly rollups', () => {
  it('credits each interval with the states stored at its start, cut by gaps, in the cell of the time', () => {
    expect(replayAll([[HISTORY, t('08:50')]])).toEqual({ rows: EXPECTED, polls: 5 });
  });

  it('gives the same rows however the history is cut into chunks', () => {
    const cuts = ['07:50', '07:55', '08:10', '08:45', '08:50'].map(t);
    const chunks = cuts.slice(1).map((to, i): [HistoryChunk, number] => [slice(i === 0 ? cuts[0] - 1 : cuts[i], to), to]);
    expect(replayAll(chunks)).toEqual({ rows: EXPECTED, polls: 5 });
  });

  it('hands out an hour only once no later interval can reach it', () => {
    const replay = new RollupReplay(PARIS, MAX_GAP, HOUR_7);
    expect(replay.replay(slice(t('07:49'), t('08:50')), t('08:50'))).toEqual([]);
    const later = replay.replay({ pollTimes: [t('09:05')], versions: [], statuses: [] }, t('09:05'));
    expect(sorted(later)).toEqual(EXPECTED.slice(0, 2));
  });

  it('leaves out the hours before the boundary (kept from before a pruned history)', () => {
    expect(replayAll([[HISTORY, t('08:50')]], HOUR_8).rows).toEqual(EXPECTED.slice(2));
  });

  it('starts at the first whole local hour at or after the oldest kept poll', () => {
    expect(replayBoundary(t('07:50'), PARIS)).toBe(HOUR_8);
    expect(replayBoundary(HOUR_8, PARIS)).toBe(HOUR_8);
  });
});
