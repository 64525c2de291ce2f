import { describe, expect, it } from 'vitest';
import { EpisodeLedger, clipRun, episodeChanges, isInEpisode, type EpisodeKind, type EpisodeState, type Run, type StoredEpisode } from './episodes';
import { localDayWindow, type TimeWindow } from '../calendar';
import { CELL, MAX_GAP, PARIS, at, station, windowSums, type Poll } from '../../test/support/testPolls';

const t = (hhmm: string) => at(`2025-06-10T${hhmm}+02:00`);
const JUNE_10 = localDayWindow('2025-06-10', 0, 24, PARIS);

const differs = (a: EpisodeState, b: EpisodeState) => a.present !== b.present || a.installed !== b.installed || a.bikes !== b.bikes || a.docks !== b.docks;

/**
 * The polls applied one by one as storePoll applies them (the states the previous poll left, the
 * statuses this one changed), the ledger handed over to a new one after `handOverAfter` polls as
 * an import continuing stored polls takes the open runs from the table. Open runs end at the last
 * poll, ongoing.
 */
function runsOf(polls: Poll[], kind: EpisodeKind, handOverAfter = -1): Run[] {
  let ledger = new EpisodeLedger();
  const states = new Map<string, EpisodeState>();
  const stored: StoredEpisode[] = [];
  let previous: number | null = null;
  polls.forEach((poll, i) => {
    const changed = poll.states.filter((s) => !states.has(s.stationId) || differs(states.get(s.stationId)!, s));
    ledger.apply(episodeChanges(states, changed, previous, poll.t, MAX_GAP), poll.t);
    for (const s of changed) states.set(s.stationId, s);
    previous = poll.t;
    if (i === handOverAfter) {
      stored.push(...ledger.takeClosed());
      ledger = new EpisodeLedger(ledger.openEpisodes());
    }
  });
  const last = polls.at(-1)!.t;
  return [...stored, ...ledger.takeClosed(), ...ledger.openEpisodes()]
    .filter((e) => e.kind === kind)
    .map((e) => ({ stationId: e.stationId, start: e.start, end: e.end ?? last, ongoing: e.end === null }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.stationId.localeCompare(b.stationId) || a.start - b.start);
}

const run = (stationId: string, start: number, end: number, ongoing = false): Run => ({ stationId, start, end, ongoing });

/** Σ clipped episode seconds per station, beside the rollups' full_s / empty_s of the same window. */
function episodeAndRollupSeconds(polls: Poll[], kind: EpisodeKind, window: TimeWindow) {
  const episodes = new Map<string, number>();
  for (const r of runsOf(polls, kind)) {
    const episode = clipRun(r, window);
    if (episode) episodes.set(r.stationId, (episodes.get(r.stationId) ?? 0) + episode.durationSeconds);
  }
  const rollups = new Map<string, number>();
  for (const row of windowSums(polls, window)) {
    const seconds = kind === 'full' ? row.fullS : row.emptyS;
    if (seconds > 0) rollups.set(row.stationId, (rollups.get(row.stationId) ?? 0) + seconds);
  }
  return { episodes, rollups };
}

const FULL = (id: string) => station(id, CELL.chatelet, 10, 0);
const HALF = (id: string) => station(id, CELL.chatelet, 5, 5);

/**
 * Polls every 5 minutes from 08:00 to 09:00 but none between 08:30 and 08:50 (20 minutes: a gap).
 * a: full from 08:05 to the end. b: full, not full at 08:10, full again at 08:20, not at 08:25.
 * c: empty until 08:15. d: full, absent at 08:10, back full at 08:15, not full at 08:20.
 * e: reports no bike and no dock (unobserved throughout).
 */
const TIMES = ['08:00', '08:05', '08:10', '08:15', '08:20', '08:25', '08:30', '08:50', '08:55', '09:00'];
const POLLS: Poll[] = TIMES.map((hhmm) => {
  const time = t(hhmm);
  const during = (from: string, to = '99:99') => hhmm >= from && hhmm < to;
  return {
    t: time,
    states: [
      during('08:05') ? FULL('a') : HALF('a'),
      (during('08:00', '08:10') || during('08:20', '08:25')) ? FULL('b') : HALF('b'),
      during('08:00', '08:15') ? station('c', CELL.louvre, 0, 12) : station('c', CELL.louvre, 3, 9),
      during('08:10', '08:15') ? station('d', CELL.bastille, 0, 0, { present: false }) : during('08:00', '08:20') ? station('d', CELL.bastille, 20, 0) : station('d', CELL.bastille, 10, 10),
      station('e', CELL.republique, 0, 0),
    ],
  };
});

const FULL_RUNS = [
  run('a', t('08:05'), t('08:30')),
  run('a', t('08:50'), t('09:00'), true),
  run('b', t('08:00'), t('08:10')),
  run('b', t('08:20'), t('08:25')),
  run('d', t('08:00'), t('08:10')),
  run('d', t('08:15'), t('08:20')),
];

describe('saturation episodes', () => {
  it('merges consecutive full polls, cuts at a gap and at absence, and marks the run still open at the newest poll', () => {
    expect(runsOf(POLLS, 'full')).toEqual(FULL_RUNS);
  });

  it('finds empty runs with the same rules', () => {
    expect(runsOf(POLLS, 'empty')).toEqual([run('c', t('08:00'), t('08:15'))]);
  });

  it('counts the same seconds as the rollups, for both kinds', () => {
    for (const kind of ['full', 'empty'] as const) {
      const { episodes, rollups } = episodeAndRollupSeconds(POLLS, kind, JUNE_10);
      expect(episodes).toEqual(rollups);
    }
    expect(episodeAndRollupSeconds(POLLS, 'full', JUNE_10).episodes).toEqual(
      new Map([['a', 1500 + 600], ['b', 600 + 300], ['d', 600 + 300]]),
    );
  });

  it('gives the same runs when a later ledger continues the open runs of an earlier one (an import after polls)', () => {
    for (let handOver = 0; handOver < POLLS.length; handOver++) expect(runsOf(POLLS, 'full', handOver), `after poll ${handOver}`).toEqual(FULL_RUNS);
  });

  it('after a gap, ends every open run at the poll before it and drops a run that began there', () => {
    const full = { stationId: 'a', present: true, installed: true, bikes: 9, docks: 0 };
    const changes = episodeChanges(new Map([['a', full]]), [], t('08:00'), t('08:30'), MAX_GAP);
    expect(changes).toEqual({ endAllAt: t('08:00'), ended: [], started: [{ kind: 'full', stationId: 'a' }] });
    const ledger = new EpisodeLedger([{ kind: 'full', stationId: 'a', start: t('07:50'), end: null }, { kind: 'empty', stationId: 'b', start: t('08:00'), end: null }]);
    ledger.apply({ ...changes, started: [] }, t('08:30'));
    expect(ledger.takeClosed()).toEqual([{ kind: 'full', stationId: 'a', start: t('07:50'), end: t('08:00') }]);
    expect(ledger.openEpisodes()).toEqual([]);
  });

  it('is not in an episode when not installed or reporting nothing', () => {
    const base = { stationId: 's', present: true, installed: true, bikes: 0, docks: 0 };
    expect(isInEpisode(base, 'full')).toBe(false);
    expect(isInEpisode({ ...base, bikes: 3 }, 'full')).toBe(true);
    expect(isInEpisode({ ...base, bikes: 3, installed: false }, 'full')).toBe(false);
    expect(isInEpisode({ ...base, docks: 3 }, 'empty')).toBe(true);
    expect(isInEpisode({ ...base, docks: 3, present: false }, 'empty')).toBe(false);
  });
});

describe('episodes of a period', () => {
  it('cut at the bounds of a 25-hour local day (fall back), saying so, and still the rollups\' seconds', () => {
    const day = localDayWindow('2025-10-26', 0, 24, PARIS);
    expect(day.end - day.start).toBe(25 * 3600);
    const every10 = (from: number, to: number) => {
      const polls: Poll[] = [];
      for (let time = from; time <= to; time += 600) polls.push({ t: time, states: [FULL('a')] });
      return polls;
    };
    // 23:30 → 00:30 around the day's start, then nothing until 23:40 → 00:20 around its end.
    const polls = [...every10(at('2025-10-25T23:30+02:00'), at('2025-10-26T00:30+02:00')), ...every10(at('2025-10-26T23:40+01:00'), at('2025-10-27T00:20+01:00'))];
    const runs = runsOf(polls, 'full');
    expect(runs).toEqual([
      run('a', at('2025-10-25T23:30+02:00'), at('2025-10-26T00:30+02:00')),
      run('a', at('2025-10-26T23:40+01:00'), at('2025-10-27T00:20+01:00'), true),
    ]);
    expect(runs.map((r) => clipRun(r, day))).toEqual([
      { ...runs[0], start: day.start, durationSeconds: 1800, clippedStart: true, clippedEnd: false },
      { ...runs[1], end: day.end, durationSeconds: 1200, clippedStart: false, clippedEnd: true },
    ]);
    const { episodes, rollups } = episodeAndRollupSeconds(polls, 'full', day);
    expect(episodes).toEqual(new Map([['a', 3000]]));
    expect(episodes).toEqual(rollups);
  });

  it('keeps a run across the skipped hour of a 23-hour day (spring forward) whole', () => {
    const day = localDayWindow('2025-03-30', 0, 24, PARIS);
    expect(day.end - day.start).toBe(23 * 3600);
    const polls: Poll[] = ['2025-03-30T01:50+01:00', '2025-03-30T03:00+02:00', '2025-03-30T03:10+02:00'].map((iso) => ({ t: at(iso), states: [station('a', CELL.chatelet, 0, 9)] }));
    const [only] = runsOf(polls, 'empty');
    expect(clipRun(only, day)).toEqual({ ...run('a', at('2025-03-30T01:50+01:00'), at('2025-03-30T03:10+02:00'), true), durationSeconds: 1200, clippedStart: false, clippedEnd: false });
    const { episodes, rollups } = episodeAndRollupSeconds(polls, 'empty', day);
    expect(episodes).toEqual(rollups);
  });

  it('drops a run outside the period', () => {
    expect(clipRun(run('a', t('08:00'), t('09:00')), { start: t('09:00'), end: t('10:00') })).toBeNull();
  });
});
