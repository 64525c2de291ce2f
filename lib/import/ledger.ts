/**
 * The bulk path's model, in memory and pure: a series of snapshots in feed-time order, diffed and
 * credited exactly as storePoll does one poll at a time (creditPoll on the states the previous
 * poll left, descriptionChanges, nextStates), with the rows each poll would have written kept
 * until the caller stores them in batches. Hourly credits are summed per (hour, station, cell)
 * and handed over once no later interval can add to them.
 */
import { creditPoll } from '@/lib/hotspots/credit';
import { nextStates } from '@/lib/hotspots/stationStates';
import type { HourlyFigures, PolledState } from '@/lib/hotspots/types';
import { skippedOf, type Snapshot, type SnapshotStation } from '@/lib/gbfs/snapshot';
import type { SystemInfo } from '@/lib/gbfs/types';
import { descriptionChanges } from '@/lib/ingest/storePoll';
import { EpisodeLedger, episodeChanges, type StoredEpisode } from '@/lib/episodes/episodes';

/** A raw status row: a station's state at a poll that changed it. */
export type StatusRow = PolledState & { feedTime: number };
/** A description version, valid from a poll's feed time. */
export type VersionRow = SnapshotStation & { validFrom: number };

/** What a poll logs: its run and its row in `polls`. */
export interface PollRow {
  feedTime: number;
  stationsSeen: number;
  rowsWritten: number;
  skipped: Record<string, number>;
}

/** A station's current description after the series: first listed at firstSeen, this version from validFrom. */
export interface DescriptionRow {
  station: SnapshotStation;
  firstSeen: number;
  validFrom: number;
}

/** An interval between two polls longer than the gap limit: left unobserved. */
export interface Gap {
  from: number;
  to: number;
}

export interface LedgerStart {
  /** Each station's state after the newest stored poll (station_state). */
  states: Map<string, PolledState>;
  /** The current stored description of each station (stations). */
  descriptions: Map<string, SnapshotStation>;
  /** Feed time of the newest stored poll, or null for a system never polled. */
  newestFeedTime: number | null;
  maxGapSeconds: number;
  /** The saturation runs still open after the newest stored poll (station_episodes). */
  openEpisodes: StoredEpisode[];
}

/** addFigures (lib/hotspots/credit.ts) into `into` itself: the same sums, without a copy per poll. */
function addFiguresInPlace(into: HourlyFigures, added: HourlyFigures): void {
  into.observedS = into.observedS + added.observedS;
  into.bikeS = into.bikeS + added.bikeS;
  into.typedS = into.typedS + added.typedS;
  into.ebikeS = into.ebikeS + added.ebikeS;
  into.mechanicalS = into.mechanicalS + added.mechanicalS;
  into.dockS = into.dockS + added.dockS;
  into.fullS = into.fullS + added.fullS;
  into.emptyS = into.emptyS + added.emptyS;
}

export class ImportLedger {
  private readonly states: Map<string, PolledState>;
  private readonly descriptions: Map<string, SnapshotStation>;
  private readonly maxGapSeconds: number;
  private previousFeedTime: number | null;
  /** The stations of the snapshot before: the descriptions are these, unless a later one changed them. */
  private previousStations: readonly SnapshotStation[] | null = null;
  /** Hourly credits not handed over yet, by local hour start, then by station and cell. */
  private readonly pendingHours = new Map<number, Map<string, HourlyFigures>>();
  private pendingRows = 0;
  private readonly touchedStates = new Map<string, PolledState>();
  private readonly touchedDescriptions = new Map<string, DescriptionRow>();

  /** Saturation runs, as storePoll would end and start them poll by poll. */
  readonly episodes: EpisodeLedger;
  statusRows: StatusRow[] = [];
  versionRows: VersionRow[] = [];
  polls: PollRow[] = [];
  readonly gaps: Gap[] = [];
  /** Start of the first interval credited: the rollups change from its local hour on. */
  firstCreditFrom: number | null = null;
  /** The system as the newest snapshot described it, and that snapshot's GBFS version. */
  system: SystemInfo | null = null;
  version: string | null = null;
  counts = { snapshots: 0, statuses: 0, statusRows: 0, versionRows: 0, skippedRecords: {} as Record<string, number> };

  constructor(start: LedgerStart) {
    this.states = start.states;
    this.descriptions = start.descriptions;
    this.previousFeedTime = start.newestFeedTime;
    this.maxGapSeconds = start.maxGapSeconds;
    this.episodes = new EpisodeLedger(start.openEpisodes);
  }

  get newestFeedTime(): number | null {
    return this.previousFeedTime;
  }

  /** One poll of the series: the caller gives snapshots newer than every earlier one. */
  add(snapshot: Snapshot): void {
    const t = snapshot.feedTime;
    const t0 = this.previousFeedTime;
    if (t0 !== null && t <= t0) throw new RangeError(`snapshot at ${t} after one at ${t0}: the series must be in feed-time order`);
    if (t0 !== null) {
      if (t - t0 > this.maxGapSeconds) this.gaps.push({ from: t0, to: t });
      this.firstCreditFrom ??= t0;
      let hour: Map<string, HourlyFigures> | undefined;
      let hourStart = NaN;
      for (const row of creditPoll(this.states.values(), t0, t, snapshot.system.timezone, this.maxGapSeconds)) {
        if (row.hourStart !== hourStart) {
          hourStart = row.hourStart;
          hour = this.pendingHours.get(hourStart);
          if (hour === undefined) this.pendingHours.set(row.hourStart, (hour = new Map()));
        }
        // NUL cannot occur in a GBFS id or an H3 string.
        const key = `${row.stationId}\u0000${row.h3}`;
        const before = hour!.get(key);
        if (before === undefined) {
          hour!.set(key, row);
          this.pendingRows++;
        } else {
          // In place (creditPoll's rows are fresh objects), each sum in the order storePoll's upserts add them.
          addFiguresInPlace(before, row);
        }
      }
    }

    // Snapshots built from one station_information share its stations (lib/gbfs/snapshot.ts):
    // the same array as the snapshot before describes every station as stored already.
    const changedDescriptions = snapshot.stations === this.previousStations ? [] : descriptionChanges(this.descriptions, snapshot.stations);
    this.previousStations = snapshot.stations;
    for (const station of changedDescriptions) {
      this.descriptions.set(station.stationId, station);
      this.versionRows.push({ ...station, validFrom: t });
      const touched = this.touchedDescriptions.get(station.stationId);
      this.touchedDescriptions.set(station.stationId, { station, firstSeen: touched?.firstSeen ?? t, validFrom: t });
    }

    const changes = nextStates(this.states, snapshot.stations, snapshot.statuses);
    // Before the states move on: the runs compare the states the previous poll left with these.
    this.episodes.apply(episodeChanges(this.states, changes.changedStatus, t0, t, this.maxGapSeconds), t);
    for (const state of changes.changedState) {
      this.states.set(state.stationId, state);
      this.touchedStates.set(state.stationId, state);
    }
    for (const state of changes.changedStatus) this.statusRows.push({ ...state, feedTime: t });

    const skipped = skippedOf(snapshot);
    this.polls.push({ feedTime: t, stationsSeen: snapshot.statuses.length, rowsWritten: changes.changedStatus.length + changedDescriptions.length, skipped });
    for (const [reason, n] of Object.entries(skipped)) this.counts.skippedRecords[reason] = (this.counts.skippedRecords[reason] ?? 0) + n;
    this.counts.snapshots++;
    this.counts.statuses += snapshot.statuses.length;
    this.counts.statusRows += changes.changedStatus.length;
    this.counts.versionRows += changedDescriptions.length;
    this.system = snapshot.system;
    this.version = snapshot.version;
    this.previousFeedTime = t;
  }

  /** The rows kept since the last call, for the caller to store. */
  takeRows(): { statusRows: StatusRow[]; versionRows: VersionRow[]; polls: PollRow[] } {
    const rows = { statusRows: this.statusRows, versionRows: this.versionRows, polls: this.polls };
    this.statusRows = [];
    this.versionRows = [];
    this.polls = [];
    return rows;
  }

  /**
   * Hourly rows no later poll can add to: every later interval starts at or after the newest
   * poll, and an hour that started two hours before it has ended (a 25-hour day included).
   */
  takeFinishedHours(): HourlyFigures[] {
    const finished: HourlyFigures[] = [];
    if (this.previousFeedTime === null) return finished;
    for (const [hourStart, rows] of this.pendingHours) {
      if (hourStart + 2 * 3600 <= this.previousFeedTime) {
        for (const row of rows.values()) finished.push(row);
        this.pendingRows -= rows.size;
        this.pendingHours.delete(hourStart);
      }
    }
    return finished;
  }

  get pendingHourRows(): number {
    return this.pendingRows;
  }

  /** Every hourly row still kept, once the series has ended. */
  takeAllHours(): HourlyFigures[] {
    const rest: HourlyFigures[] = [];
    for (const rows of this.pendingHours.values()) for (const row of rows.values()) rest.push(row);
    this.pendingHours.clear();
    this.pendingRows = 0;
    return rest;
  }

  /** The states the series changed: station_state's rows after it. */
  finalStates(): PolledState[] {
    return [...this.touchedStates.values()];
  }

  /** The descriptions the series changed: the stations' current rows after it. */
  finalDescriptions(): DescriptionRow[] {
    return [...this.touchedDescriptions.values()];
  }
}
