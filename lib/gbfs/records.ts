/**
 * The per-record skip policy shared by station_information and station_status:
 * one broken station is counted and left out, it never fails the file.
 */
import { idLike, isPlainObject } from './fields';
import { MAX_PLAUSIBLE_COUNT, type SkipCounts, type SkipReason } from './types';

export type RecordOutcome<T> = { item: T } | { skip: SkipReason };

export const skip = (reason: SkipReason): { skip: SkipReason } => ({ skip: reason });

type StationIdResult = { stationId: string } | { skip: 'missing_id' | 'invalid_record' };

export function readStationId(record: Record<string, unknown>): StationIdResult {
  const raw = record.station_id;
  if (raw === undefined || raw === null) return { skip: 'missing_id' };
  const parsed = idLike.safeParse(raw);
  if (!parsed.success) return { skip: 'invalid_record' };
  if (parsed.data.trim() === '') return { skip: 'missing_id' };
  return { stationId: parsed.data };
}

/** The first count out of range decides the reason; missing counts (null) are not judged here. */
export function judgeCounts(counts: ReadonlyArray<number | null | undefined>): SkipReason | null {
  for (const count of counts) {
    if (count === null || count === undefined) continue;
    if (count < 0) return 'negative_count';
    if (count > MAX_PLAUSIBLE_COUNT) return 'absurd_count';
  }
  return null;
}

/**
 * Applies `parseRecord` to every station, in feed order. Duplicates are judged among the kept
 * stations, so a broken first copy does not hide a good second one.
 */
export function collectStations<T>(
  stations: readonly unknown[],
  parseRecord: (record: Record<string, unknown>, stationId: string) => RecordOutcome<T>,
): { items: T[]; skipped: SkipCounts } {
  const items: T[] = [];
  const skipped: SkipCounts = {};
  const kept = new Set<string>();
  const count = (reason: SkipReason) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };

  for (const record of stations) {
    if (!isPlainObject(record)) {
      count('invalid_record');
      continue;
    }
    const id = readStationId(record);
    if ('skip' in id) {
      count(id.skip);
      continue;
    }
    if (kept.has(id.stationId)) {
      count('duplicate_id');
      continue;
    }
    const outcome = parseRecord(record, id.stationId);
    if ('skip' in outcome) {
      count(outcome.skip);
      continue;
    }
    kept.add(id.stationId);
    items.push(outcome.item);
  }
  return { items, skipped };
}
