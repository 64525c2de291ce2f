/** Row-level faults: valid documents carrying the bad data real feeds sometimes publish. */
import type { StationInfoRow, StationStatusRow } from './render/types';
import type { FaultKind } from './types';

/** 1 % of stations, at least 3: enough to see, few enough that the rest of the feed is usable. */
function affectedIndexes(count: number): number[] {
  const n = Math.min(count, Math.max(3, Math.round(count * 0.01)));
  const stride = n > 0 ? Math.max(1, Math.floor(count / n)) : 1;
  return Array.from({ length: n }, (_, i) => i * stride);
}

export function applyStatusFault(
  kind: FaultKind | null,
  rows: StationStatusRow[],
  t: number,
): StationStatusRow[] {
  const picked = affectedIndexes(rows.length);
  const edit = (change: (row: StationStatusRow, variant: number) => Partial<StationStatusRow>) => {
    const out = rows.slice();
    picked.forEach((index, variant) => (out[index] = { ...out[index], ...change(out[index], variant % 3) }));
    return out;
  };
  switch (kind) {
    case 'empty_stations':
      return [];
    case 'duplicate_ids':
      // The copies disagree with the originals, as a real double entry would.
      return rows.concat(picked.map((i) => ({ ...rows[i], bikes: rows[i].bikes + 1, mechanical: rows[i].mechanical + 1 })));
    case 'negative_counts':
      return edit((_row, v) =>
        v === 0
          ? { bikes: -1, mechanical: -1, ebikes: 0 }
          : v === 1
            ? { docks: -3 }
            : { bikes: -2, mechanical: -1, ebikes: -1, docks: -5 },
      );
    case 'future_last_reported':
      // An hour ahead, a day ahead, and the year 2100.
      return edit((_row, v) => ({ lastReported: [t + 3600, t + 86_400, 4_102_444_800][v] }));
    case 'epoch_last_reported':
      // 0 and the values seen in Citi Bike (18001) and Ecobici (86400) feeds.
      return edit((_row, v) => ({ lastReported: [0, 18_001, 86_400][v] }));
    case 'unknown_stations':
      return rows.concat(
        picked.map((i, n) => ({
          ...rows[i],
          stationId: 29_000_000_000 + n * 7919,
          stationCode: `99${String(n).padStart(3, '0')}`,
        })),
      );
    default:
      return rows;
  }
}

export function applyInfoFault(kind: FaultKind | null, rows: StationInfoRow[]): StationInfoRow[] {
  const picked = affectedIndexes(rows.length);
  switch (kind) {
    case 'empty_stations':
      return [];
    case 'duplicate_ids':
      return rows.concat(picked.map((i) => ({ ...rows[i], lat: rows[i].lat + 0.001 })));
    case 'bad_coordinates': {
      const out = rows.slice();
      picked.forEach((index, n) => {
        const row = out[index];
        // Null Island, lat/lon swapped, out of range.
        const bad = [{ lat: 0, lon: 0 }, { lat: row.lon, lon: row.lat }, { lat: 91.5, lon: 200.25 }][n % 3];
        out[index] = { ...row, ...bad };
      });
      return out;
    }
    default:
      return rows;
  }
}
