/**
 * Load: one poll of one system in one transaction. Under the system's write lock it compares the
 * feed time with the newest stored poll (an unchanged or older feed writes nothing), credits the
 * interval since that poll to the hourly rollups and the daily tier from the states it left,
 * stores the changed descriptions and states, ends and starts the saturation episodes, and logs the run and the poll. Either all of it is
 * stored or none.
 */
import { creditPoll } from '@/lib/hotspots/credit';
import { creditByDay, slotFigures } from '@/lib/hotspots/dailySlots';
import { nextStates } from '@/lib/hotspots/stationStates';
import { skippedOf, type Snapshot, type SnapshotStation } from '@/lib/gbfs/snapshot';
import type { Db } from '@/db/client';
import { noteCommittedPoll } from '@/db/committedPolls';
import { insertPoll, newestFeedTime, insertRun, type RunRecord, loadStates, storeStates, currentDescriptions, storeDescriptions } from './sql';
import { addToDailyRollups } from '@/lib/hotspots/storeDaily';
import { addToRollups } from '@/lib/hotspots/storeHourly';
import { episodeChanges } from '@/lib/episodes/episodes';
import { storeEpisodeChanges } from '@/lib/episodes/storeEpisodes';
import { lockSystemForWriting } from '@/db/systemLock';
import { upsertSystem } from '@/lib/systems/store';

export interface StoreResult {
  status: 'ok' | 'unchanged' | 'stale';
  runId: number;
  /** Newest feed time stored before this poll. */
  previousFeedTime: number | null;
  statusRows: number;
  versionRows: number;
  rollupRows: number;
}

export interface StoreArgs {
  systemId: string;
  gbfsUrl: string;
  snapshot: Snapshot;
  maxGapSeconds: number;
  run: Pick<RunRecord, 'systemId' | 'trigger' | 'startedAt'>;
}

type Counts = Pick<StoreResult, 'statusRows' | 'versionRows' | 'rollupRows'>;
const NOTHING_WRITTEN: Counts = { statusRows: 0, versionRows: 0, rollupRows: 0 };

export async function storePoll(db: Db, args: StoreArgs): Promise<StoreResult> {
  const { systemId, snapshot } = args;
  const result = await db.transaction(async (tx) => {
    // Waits for a concurrent poll of the same system, which then makes this one "unchanged".
    await lockSystemForWriting(tx, systemId);
    const previousFeedTime = await newestFeedTime(tx, systemId);
    const finish = async (status: StoreResult['status'], counts: Counts): Promise<StoreResult> => {
      const runId = await insertRun(tx, {
        ...args.run,
        status,
        feedTime: snapshot.feedTime,
        stationsSeen: snapshot.statuses.length,
        rowsWritten: counts.statusRows + counts.versionRows,
        skipped: skippedOf(snapshot),
        finishedAt: Date.now(),
      });
      return { status, runId, previousFeedTime, ...counts };
    };
    if (previousFeedTime === snapshot.feedTime) return finish('unchanged', NOTHING_WRITTEN);
    if (previousFeedTime !== null && previousFeedTime > snapshot.feedTime) return finish('stale', NOTHING_WRITTEN);

    await upsertSystem(tx, { id: systemId, name: snapshot.system.name, timezone: snapshot.system.timezone, gbfsUrl: args.gbfsUrl, version: snapshot.version });
    const previous = await loadStates(tx, systemId);
    const credit =
      previousFeedTime === null ? [] : creditPoll(previous.values(), previousFeedTime, snapshot.feedTime, snapshot.system.timezone, args.maxGapSeconds);
    const rollupRows = await addToRollups(tx, systemId, credit);
    await addToDailyRollups(tx, systemId, creditByDay(slotFigures(credit, snapshot.system.timezone)));
    const changedDescriptions = descriptionChanges(await currentDescriptions(tx, systemId), snapshot.stations);
    await storeDescriptions(tx, systemId, snapshot.feedTime, changedDescriptions);
    const changes = nextStates(previous, snapshot.stations, snapshot.statuses);
    await storeEpisodeChanges(tx, systemId, snapshot.feedTime, episodeChanges(previous, changes.changedStatus, previousFeedTime, snapshot.feedTime, args.maxGapSeconds));
    await storeStates(tx, systemId, snapshot.feedTime, changes);
    const stored = await finish('ok', { statusRows: changes.changedStatus.length, versionRows: changedDescriptions.length, rollupRows });
    await insertPoll(tx, { systemId, feedTime: snapshot.feedTime, runId: stored.runId, stationsSeen: snapshot.statuses.length });
    return stored;
  });
  if (result.status === 'ok') noteCommittedPoll(db);
  return result;
}

const DESCRIPTION_FIELDS = ['name', 'code', 'lat', 'lon', 'h3', 'capacity'] as const;

/** The listed stations that are new or whose description differs from the stored one. */
/** Which station descriptions a poll changes: only those get a new version. */
export function descriptionChanges(stored: ReadonlyMap<string, SnapshotStation>, listed: readonly SnapshotStation[]): SnapshotStation[] {
  return listed.filter((station) => {
    const before = stored.get(station.stationId);
    return !before || DESCRIPTION_FIELDS.some((field) => before[field] !== station[field]);
  });
}
