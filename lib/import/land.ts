/**
 * The bulk path: a series of snapshots landed in one transaction, under the system's write lock,
 * as exactly what storePoll would have landed polling them one by one (raw statuses,
 * descriptions, states, hourly rollups, saturation episodes, runs and polls), then the daily tiers derived once from
 * the first day the series touched. Killed half-way, the transaction never commits: the
 * database stays as it was.
 *
 * A system that already has polls takes the series after its newest one, as polls would; the
 * snapshots it already stored are skipped. Older snapshots it has not stored are refused
 * (ImportRefusedError): landing them would recount every hour after them.
 */
import type { Db } from '@/db/client';
import { noteCommittedPoll } from '@/db/committedPolls';
import { lockSystemForWriting } from '@/db/systemLock';
import { isoTime, localHourStart } from '@/lib/calendar';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { localDaySlot } from '@/lib/hotspots/dailySlots';
import { deriveDailyRollups } from '@/lib/hotspots/rebuildDaily';
import { addToRollups, newestRollupHour } from '@/lib/hotspots/storeHourly';
import type { HourlyFigures } from '@/lib/hotspots/types';
import { currentDescriptions, loadStates, newestFeedTime } from '@/lib/ingest/sql';
import { upsertSystem } from '@/lib/systems/store';
import { deleteOpenEpisodes, insertEpisodes, openEpisodes } from '@/lib/episodes/storeEpisodes';
import type { Executor } from '@/db/rows';
import { ImportLedger, type Gap } from './ledger';
import { storedFeedTimes } from './sql';
import { BATCH_ROWS, insertHourRows, insertPollsAndRuns, insertStatusRows, insertVersionRows, upsertDescriptions, upsertStates } from './store';

/** Snapshots in feed-time order, their times known before any is read (the overlap check needs them). */
export interface SnapshotSeries {
  /** Feed times of the series, ascending. */
  feedTimes: readonly number[];
  /** The snapshots newer than `after` (all when null), in feed-time order. */
  snapshots(after: number | null): AsyncIterable<Snapshot>;
}

export interface LandingProgress {
  phase: 'landing' | 'tiers';
  snapshots: number;
  total: number;
  statuses: number;
  statusRows: number;
}

export interface LandingResult {
  snapshots: number;
  /** Snapshots whose feed time the system had already stored: skipped, as a poll would. */
  alreadyStored: number;
  /** Snapshots whose feed time came again in the series: the first one was landed. */
  duplicates: number;
  firstFeedTime: number | null;
  lastFeedTime: number | null;
  /** The newest poll stored before the import; the series was credited from it on. */
  previousFeedTime: number | null;
  gaps: Gap[];
  statuses: number;
  statusRows: number;
  versionRows: number;
  hourlyRows: number;
  skippedRecords: Record<string, number>;
  /** The system as the newest landed snapshot describes it. */
  name: string | null;
  timezone: string | null;
  /** The first local day whose daily tiers were derived again. */
  tiersFrom: string | null;
}

export interface LandOptions {
  systemId: string;
  gbfsUrl: string;
  maxGapSeconds: number;
  series: SnapshotSeries;
  onProgress?: (progress: LandingProgress) => void;
  /** Runs last in the landing's transaction: what must commit with the series or not at all. */
  onLanded?: (tx: Executor) => Promise<void>;
}

/** An import that would make the stored history wrong: nothing was written. */
export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

/**
 * The hourly rows, each (hour, station, cell) handed over once by the ledger: the hours after the
 * newest one stored before the import (`storedUntil`) cannot have a row yet, so they are plainly
 * inserted; only the hours up to it, which polls may have begun, are added to what is stored.
 */
async function storeHours(tx: Executor, systemId: string, hours: readonly HourlyFigures[], storedUntil: number | null): Promise<void> {
  const touching = storedUntil === null ? [] : hours.filter((row) => row.hourStart <= storedUntil);
  const fresh = touching.length === 0 ? hours : hours.filter((row) => row.hourStart > storedUntil!);
  // One upsert never touches a row twice: the ledger hands each (hour, station, cell) over once.
  for (let i = 0; i < touching.length; i += BATCH_ROWS) await addToRollups(tx, systemId, touching.slice(i, i + BATCH_ROWS));
  await insertHourRows(tx, systemId, fresh);
}

async function checkOverlap(tx: Executor, systemId: string, feedTimes: readonly number[], newest: number | null): Promise<number> {
  if (newest === null) return 0;
  const older = feedTimes.filter((t) => t <= newest);
  if (older.length === 0) return 0;
  const stored = await storedFeedTimes(tx, systemId, older[0], newest);
  const missing = older.filter((t) => !stored.has(t));
  if (missing.length > 0) {
    throw new ImportRefusedError(
      `${systemId} already holds polls up to ${isoTime(newest)}, and ${missing.length} snapshot${missing.length === 1 ? '' : 's'} of the import ` +
        `(${isoTime(missing[0])}${missing.length > 1 ? ` to ${isoTime(missing[missing.length - 1])}` : ''}) ${missing.length === 1 ? 'is' : 'are'} older without being stored: ` +
        `landing them would recount every hour after them. Nothing was imported. Import into another system id (--system ${systemId}-archive) ` +
        `or into a database without ${systemId}'s polls.`,
    );
  }
  return older.length;
}

export async function landSnapshots(db: Db, options: LandOptions): Promise<LandingResult> {
  const { systemId, series } = options;
  const result = await db.transaction(async (tx) => {
    // A poll of the same system waits for the import, then finds it stored.
    await lockSystemForWriting(tx, systemId);
    const newest = await newestFeedTime(tx, systemId);
    const alreadyStored = await checkOverlap(tx, systemId, series.feedTimes, newest);
    const rollupsUntil = await newestRollupHour(tx, systemId);
    const ledger = new ImportLedger({
      states: await loadStates(tx, systemId),
      descriptions: await currentDescriptions(tx, systemId),
      newestFeedTime: newest,
      maxGapSeconds: options.maxGapSeconds,
      openEpisodes: await openEpisodes(tx, systemId),
    });
    // The ledger continues the open runs: they are landed again, ended or still open.
    await deleteOpenEpisodes(tx, systemId);
    const total = series.feedTimes.length - alreadyStored;
    const report = (phase: LandingProgress['phase']) =>
      options.onProgress?.({ phase, snapshots: ledger.counts.snapshots, total, statuses: ledger.counts.statuses, statusRows: ledger.counts.statusRows });
    let hourlyRows = 0;
    let duplicates = 0;
    let firstFeedTime: number | null = null;
    // A batch is written while the next one is diffed and credited: on a server the two run on
    // two processes. Statements still run one after the other, in the transaction's order.
    let writing: Promise<void> = Promise.resolve();
    const flush = async (last: boolean) => {
      await writing;
      const { statusRows, versionRows, polls } = ledger.takeRows();
      const hours = last ? ledger.takeAllHours() : ledger.takeFinishedHours();
      const episodes = last ? [...ledger.episodes.takeClosed(), ...ledger.episodes.openEpisodes()] : ledger.episodes.takeClosed();
      hourlyRows += hours.length;
      writing = (async () => {
        await insertStatusRows(tx, systemId, statusRows);
        await insertVersionRows(tx, systemId, versionRows);
        await insertPollsAndRuns(tx, systemId, polls, Date.now());
        await storeHours(tx, systemId, hours, rollupsUntil);
        await insertEpisodes(tx, systemId, episodes);
      })();
      // Awaited at the next flush; a failure meanwhile must not count as unhandled.
      writing.catch(() => {});
      if (last) await writing;
    };

    for await (const snapshot of series.snapshots(newest)) {
      const before = ledger.newestFeedTime;
      if (before !== null && snapshot.feedTime <= before) {
        duplicates++;
        continue;
      }
      firstFeedTime ??= snapshot.feedTime;
      ledger.add(snapshot);
      if (
        ledger.statusRows.length >= BATCH_ROWS ||
        ledger.polls.length >= BATCH_ROWS / 10 ||
        ledger.pendingHourRows >= BATCH_ROWS ||
        ledger.episodes.closedCount >= BATCH_ROWS
      ) {
        await flush(false);
      }
      report('landing');
    }
    await flush(true);
    if (ledger.system !== null) {
      await upsertSystem(tx, { id: systemId, name: ledger.system.name, timezone: ledger.system.timezone, gbfsUrl: options.gbfsUrl, version: ledger.version });
    }
    await upsertDescriptions(tx, systemId, ledger.finalDescriptions());
    await upsertStates(tx, systemId, ledger.finalStates());
    const timezone = ledger.system?.timezone ?? null;
    let tiersFrom: string | null = null;
    if (ledger.firstCreditFrom !== null && timezone !== null) {
      report('tiers');
      tiersFrom = localDaySlot(localHourStart(ledger.firstCreditFrom, timezone), timezone).day;
      await deriveDailyRollups(tx, systemId, timezone, tiersFrom);
    }
    await options.onLanded?.(tx);
    return {
      snapshots: ledger.counts.snapshots,
      alreadyStored,
      duplicates,
      firstFeedTime,
      lastFeedTime: ledger.counts.snapshots > 0 ? ledger.newestFeedTime : null,
      previousFeedTime: newest,
      gaps: ledger.gaps,
      statuses: ledger.counts.statuses,
      statusRows: ledger.counts.statusRows,
      versionRows: ledger.counts.versionRows,
      hourlyRows,
      skippedRecords: ledger.counts.skippedRecords,
      name: ledger.system?.name ?? null,
      timezone,
      tiersFrom,
    } satisfies LandingResult;
  });
  if (result.snapshots > 0) noteCommittedPoll(db);
  return result;
}
