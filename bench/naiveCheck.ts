/**
 * The naive query must compute what the rollups hold. Real polls of the simulator go through
 * storePoll (the app's path), with the cases the rules care about written in: a gap longer
 * than MAX_GAP, a shorter one, stations missing from some polls, a station that moves to another
 * cell, stations not installed or with no bike and no dock (the simulator's Vélib quirks). Then
 * both paths answer the same windows and every figure must be equal.
 */
import { latLngToCell } from 'h3-js';
import type { Db } from '@/db/client';
import { windowFigures } from '@/lib/hotspots/sql';
import { storePoll } from '@/lib/ingest/storePoll';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { localDayWindow, type TimeWindow } from '@/lib/calendar';
import type { WindowFigures } from '@/lib/hotspots/types';
import { naiveWindowFigures } from './naiveWindowFigures';
import { velibSnapshots } from './velibSnapshots';

const SYSTEM = 'naive-check';
const MAX_GAP = 900;
const PARIS_MIDNIGHT = Date.UTC(2025, 5, 1, 22) / 1000; // 2 June 2025, 00:00 in Paris
const FIGURES = ['observedS', 'bikeS', 'typedS', 'ebikeS', 'mechanicalS', 'dockS', 'fullS', 'emptyS'] as const;

/** Polls from 23:30 to 02:50, with the irregularities above written into them. */
function irregularPolls(polls: Snapshot[]): Snapshot[] {
  const kept = polls.filter((_, i) => !(i >= 60 && i < 80) && !(i >= 100 && i < 106));
  return kept.map((poll, i) => {
    const absent = i >= 110 && i < 125 ? new Set(poll.stations.slice(0, 12).map((s) => s.stationId)) : null;
    const statuses = absent ? poll.statuses.filter((s) => !absent.has(s.stationId)) : poll.statuses;
    const stations =
      i >= 130
        ? poll.stations.map((s, k) => {
            if (k !== 20) return s;
            const lat = s.lat + 0.004;
            return { ...s, lat, h3: latLngToCell(lat, s.lon, 10) };
          })
        : poll.stations;
    return { ...poll, statuses, stations };
  });
}

const keyOf = (row: WindowFigures) => `${row.stationId}|${row.h3}`;

function assertSameFigures(expected: WindowFigures[], actual: WindowFigures[], label: string) {
  const byKey = new Map(actual.map((row) => [keyOf(row), row]));
  if (expected.length !== actual.length) throw new Error(`${label}: rollups give ${expected.length} station cells, naive ${actual.length}`);
  for (const row of expected) {
    const other = byKey.get(keyOf(row));
    if (!other) throw new Error(`${label}: naive misses ${keyOf(row)}`);
    for (const figure of FIGURES) {
      const a = row[figure];
      const b = other[figure];
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) throw new Error(`${label}: ${keyOf(row)} ${figure} rollups ${a}, naive ${b}`);
    }
  }
}

export interface NaiveCheck {
  polls: number;
  windows: number;
  stationCells: number;
  /** Stations seen in two cells within one window: the move case was exercised. */
  movedStations: number;
}

/** The check's polls, fetched once and stored in every database checked. */
export async function naiveCheckPolls(stations: number): Promise<Snapshot[]> {
  return irregularPolls(await velibSnapshots({ stations, start: PARIS_MIDNIGHT - 1800, count: 200 }));
}

export async function checkNaiveAgainstRollups(db: Db, polls: Snapshot[]): Promise<NaiveCheck> {
  for (const snapshot of polls) {
    await storePoll(db, { systemId: SYSTEM, gbfsUrl: 'http://check', snapshot, maxGapSeconds: MAX_GAP, run: { systemId: SYSTEM, trigger: 'cli', startedAt: Date.now() } });
  }
  const windows: [string, TimeWindow][] = [
    ['1 June (ends with the first polls)', localDayWindow('2025-06-01', 0, 24, 'Europe/Paris')],
    ['2 June 00-02 h', localDayWindow('2025-06-02', 0, 2, 'Europe/Paris')],
    ['2 June 01-03 h', localDayWindow('2025-06-02', 1, 3, 'Europe/Paris')],
    ['2 June (past the newest poll)', localDayWindow('2025-06-02', 0, 24, 'Europe/Paris')],
  ];
  let stationCells = 0;
  let movedStations = 0;
  for (const [label, window] of windows) {
    const rollups = await windowFigures(db, SYSTEM, window.start, window.end);
    const naive = await naiveWindowFigures(db, SYSTEM, window.start, window.end, MAX_GAP);
    assertSameFigures(rollups, naive, label);
    stationCells += rollups.length;
    movedStations += rollups.length - new Set(rollups.map((row) => row.stationId)).size;
  }
  if (stationCells === 0 || movedStations === 0) throw new Error('the naive check did not exercise what it should');
  return { polls: polls.length, windows: windows.length, stationCells, movedStations };
}
