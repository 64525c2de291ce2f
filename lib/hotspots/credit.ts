import { splitAtLocalHours, type LocalHourPiece, type TimeWindow } from '../calendar';
import type { HourlyFigures, StationState, WindowFigures } from './types';

/** Polls further apart than this leave the time between them unobserved (see index.ts). */
export const DEFAULT_MAX_GAP_SECONDS = 900;

/** Not installed, absent from the poll, or reporting no bike and no dock: nothing to credit. */
export function isObserved(state: Pick<StationState, 'present' | 'installed' | 'bikes' | 'docks'>): boolean {
  return state.present && state.installed && state.bikes + state.docks !== 0;
}

/** What full_s counts while the station is observed (saturation episodes use it too). */
export const hasNoFreeDock = (state: Pick<StationState, 'docks'>): boolean => state.docks === 0;

/** What empty_s counts while the station is observed. */
export const hasNoBike = (state: Pick<StationState, 'bikes'>): boolean => state.bikes === 0;

/** Whether the state of the poll at t0 holds until the next poll at t1, or the time between is unobserved. */
export function isCreditableInterval(t0: number, t1: number, maxGapSeconds: number): boolean {
  return t1 > t0 && t1 - t0 <= maxGapSeconds;
}

function figuresOfPiece(state: StationState, piece: LocalHourPiece): HourlyFigures {
  const seconds = piece.to - piece.from;
  // Both counts are needed: a feed that gives only one of them has not really typed its bikes.
  const typed = state.ebikes !== null && state.mechanical !== null;
  return {
    stationId: state.stationId,
    h3: state.h3,
    hourStart: piece.hourStart,
    observedS: seconds,
    bikeS: state.bikes * seconds,
    typedS: typed ? seconds : 0,
    ebikeS: typed ? (state.ebikes ?? 0) * seconds : 0,
    mechanicalS: typed ? (state.mechanical ?? 0) * seconds : 0,
    dockS: state.docks * seconds,
    fullS: hasNoFreeDock(state) ? seconds : 0,
    emptyS: hasNoBike(state) ? seconds : 0,
  };
}

function creditablePieces(t0: number, t1: number, timeZone: string, maxGapSeconds: number): LocalHourPiece[] {
  if (!isCreditableInterval(t0, t1, maxGapSeconds)) return [];
  return splitAtLocalHours(t0, t1, timeZone);
}

/**
 * What `state`, seen in the poll at t0, earns until the next poll at t1: one row per local hour
 * the interval touches, or none when the station or the interval is unobserved.
 */
export function creditInterval(
  state: StationState,
  t0: number,
  t1: number,
  timeZone: string,
  maxGapSeconds: number,
): HourlyFigures[] {
  if (!isObserved(state)) return [];
  return creditablePieces(t0, t1, timeZone, maxGapSeconds).map((piece) => figuresOfPiece(state, piece));
}

/**
 * What a whole poll at t0 earns once the next poll arrives at t1. Call it with the previous
 * poll's states when a new poll lands; a rebuild calls it for each consecutive pair of stored
 * polls and gets the same rows. Keys are distinct within the result, so one bulk upsert never
 * touches a row twice.
 */
export function creditPoll(
  previousStates: Iterable<StationState>,
  t0: number,
  t1: number,
  timeZone: string,
  maxGapSeconds: number,
): HourlyFigures[] {
  const pieces = creditablePieces(t0, t1, timeZone, maxGapSeconds);
  if (pieces.length === 0) return [];
  const rows: HourlyFigures[] = [];
  for (const state of previousStates) {
    if (!isObserved(state)) continue;
    for (const piece of pieces) rows.push(figuresOfPiece(state, piece));
  }
  return sumFigures(rows);
}

/** `into` with the integrals of `added` summed in; the keys are those of `into`. */
export function addFigures<T extends WindowFigures>(into: T, added: WindowFigures): T {
  return {
    ...into,
    observedS: into.observedS + added.observedS,
    bikeS: into.bikeS + added.bikeS,
    typedS: into.typedS + added.typedS,
    ebikeS: into.ebikeS + added.ebikeS,
    mechanicalS: into.mechanicalS + added.mechanicalS,
    dockS: into.dockS + added.dockS,
    fullS: into.fullS + added.fullS,
    emptyS: into.emptyS + added.emptyS,
  };
}

function mergeBy<T extends WindowFigures>(rows: Iterable<T>, keyOf: (row: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    const existing = merged.get(key);
    merged.set(key, existing === undefined ? { ...row } : addFigures(existing, row));
  }
  return [...merged.values()];
}

// NUL cannot occur in a GBFS id or an H3 string, so joined keys cannot collide.
const stationCellKey = (row: WindowFigures): string => `${row.stationId}\u0000${row.h3}`;

/** One row per (station, cell, local hour), in order of first appearance. */
export function sumFigures(rows: Iterable<HourlyFigures>): HourlyFigures[] {
  return mergeBy(rows, (row) => `${stationCellKey(row)}\u0000${row.hourStart}`);
}

/**
 * One row per (station, cell) over the local hours starting in [window.start, window.end).
 * Windows from localDayWindow start and end on local hour boundaries, so no hour is cut.
 */
export function sumWindow(rows: Iterable<HourlyFigures>, window: TimeWindow): WindowFigures[] {
  const inWindow: WindowFigures[] = [];
  for (const { hourStart, ...figures } of rows) {
    if (hourStart >= window.start && hourStart < window.end) inWindow.push(figures);
  }
  return mergeBy(inWindow, stationCellKey);
}
