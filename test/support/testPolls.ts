/** Test helpers: hand-built poll sequences driven through the real credit code. Not for app code. */
import { latLngToCell } from 'h3-js';
import { creditPoll, sumFigures, sumWindow } from '../../lib/hotspots/credit';
import type { TimeWindow } from '../../lib/calendar';
import type { StationStatus } from '@/lib/gbfs/types';
import type { HourlyFigures, StationState, WindowFigures } from '../../lib/hotspots/types';

export const PARIS = 'Europe/Paris';
export const MAX_GAP = 900;

/** Resolution-10 cells of real Paris places; the tests state the parent relations they rely on. */
export const CELL = {
  hotelDeVille: latLngToCell(48.8566, 2.3522, 10),
  /** 80 m east of hotelDeVille: another res-10 cell, same res-9 parent. */
  hotelDeVilleEast: latLngToCell(48.8569, 2.353, 10),
  /** Same res-8 parent as hotelDeVille, another res-9 one. */
  hotelDeVilleWest: latLngToCell(48.8562, 2.351, 10),
  chatelet: latLngToCell(48.8584, 2.3474, 10),
  republique: latLngToCell(48.8674, 2.3636, 10),
  louvre: latLngToCell(48.8606, 2.3376, 10),
  bastille: latLngToCell(48.8532, 2.3692, 10),
} as const;

/** Epoch seconds of an ISO time with an explicit offset, e.g. '2025-06-10T08:00+02:00'. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || !/(Z|[+-]\d{2}:\d{2})$/.test(iso)) throw new Error(`not an ISO time with offset: ${iso}`);
  return ms / 1000;
}

/** An installed station present in the poll, bikes not broken down by type unless given. */
export function station(
  stationId: string,
  h3: string,
  bikes: number,
  docks: number,
  overrides: Partial<StationState> = {},
): StationState {
  return { stationId, h3, present: true, installed: true, bikes, docks, ebikes: null, mechanical: null, ...overrides };
}

export interface Poll {
  t: number;
  states: StationState[];
}

/** Polls at from, from + step, … up to and including `to`, each with the states of its time. */
export function pollsEvery(from: number, to: number, stepS: number, statesAt: (t: number) => StationState[]): Poll[] {
  const polls: Poll[] = [];
  for (let t = from; t <= to; t += stepS) polls.push({ t, states: statesAt(t) });
  return polls;
}

/** What ingestion does: credit each poll when the next one arrives. */
export function creditPolls(polls: Poll[], timeZone = PARIS, maxGapSeconds = MAX_GAP): HourlyFigures[] {
  const rows: HourlyFigures[] = [];
  for (let k = 0; k + 1 < polls.length; k++) {
    rows.push(...creditPoll(polls[k].states, polls[k].t, polls[k + 1].t, timeZone, maxGapSeconds));
  }
  return sumFigures(rows);
}

/** The per-(station, cell) sums a hotspot query reads for `window`. */
export function windowSums(polls: Poll[], window: TimeWindow, timeZone = PARIS, maxGapSeconds = MAX_GAP): WindowFigures[] {
  return sumWindow(creditPolls(polls, timeZone, maxGapSeconds), window);
}

/** The single row of `stationId` (in `h3` when given); fails the test when there is not exactly one. */
export function rowOf<T extends WindowFigures>(rows: T[], stationId: string, h3?: string): T {
  const matching = rows.filter((row) => row.stationId === stationId && (h3 === undefined || row.h3 === h3));
  if (matching.length !== 1) throw new Error(`expected one row for ${stationId} ${h3 ?? ''}, got ${matching.length}`);
  return matching[0];
}

/** All figures zero but these. */
export function figures(stationId: string, h3: string, nonZero: Partial<WindowFigures>): WindowFigures {
  return {
    stationId,
    h3,
    observedS: 0,
    bikeS: 0,
    typedS: 0,
    ebikeS: 0,
    mechanicalS: 0,
    dockS: 0,
    fullS: 0,
    emptyS: 0,
    ...nonZero,
  };
}

/** A feed's status of an installed, renting and returning station, bikes not broken down by type. */
export function polledStatus(stationId: string, bikes: number, docks: number, overrides: Partial<StationStatus> = {}): StationStatus {
  return { stationId, bikes, docks, ebikes: null, mechanical: null, isInstalled: true, isRenting: true, isReturning: true, lastReported: null, ...overrides };
}
