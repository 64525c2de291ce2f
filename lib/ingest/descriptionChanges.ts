/** Which station descriptions a poll changes: only those get a new version. */
import type { SnapshotStation } from '@/lib/gbfs/snapshot';

const DESCRIPTION_FIELDS = ['name', 'code', 'lat', 'lon', 'h3', 'capacity'] as const;

/** The listed stations that are new or whose description differs from the stored one. */
export function descriptionChanges(stored: ReadonlyMap<string, SnapshotStation>, listed: readonly SnapshotStation[]): SnapshotStation[] {
  return listed.filter((station) => {
    const before = stored.get(station.stationId);
    return !before || DESCRIPTION_FIELDS.some((field) => before[field] !== station[field]);
  });
}
