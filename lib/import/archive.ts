/**
 * Reading an archive of recorded feeds, whatever its layout (a folder per snapshot, a flat folder
 * of files named by epoch or date, nested dates): every file under the folders is classified by
 * its content (lib/import/documents.ts), the status files ordered by their own feed time, and each
 * one joined, as a live poll joins its downloads, with the newest station_information,
 * system_information and vehicle_types at or before it (else the oldest after it). The snapshots
 * are built by the live path's own parsers (lib/gbfs), read a second time in feed-time order so
 * that only one is held at a time.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import tzLookup from '@photostructure/tz-lookup';
import { decodeFeedText } from '@/lib/gbfs/http';
import { parseJsonText } from '@/lib/gbfs/json';
import { statusFeedTime } from '@/lib/gbfs/feedTime';
import { buildSnapshot, type Snapshot } from '@/lib/gbfs/snapshot';
import { parseStationInformation } from '@/lib/gbfs/stationInformation';
import { parseStationStatus } from '@/lib/gbfs/stationStatus';
import { isValidTimeZone, parseSystemInformation } from '@/lib/gbfs/systemInformation';
import { parseVehicleTypes } from '@/lib/gbfs/vehicleTypes';
import type { ParsedFeed, ParsedStatusFeed, StationInfo, SystemInfo, VehicleKinds } from '@/lib/gbfs/types';
import { classifyDocument, timeFromPath, type DocumentKind, type FileSkipReason } from './documents';
import type { SnapshotSeries } from './land';

/** A classified file: where it is, and the time it is ordered by. */
export interface ArchiveFile {
  path: string;
  /** The feed time a status snapshot gets; for other documents their own time, else the path's or the file's. */
  time: number;
  /** What the snapshot takes as its download time (lib/gbfs/feedTime.ts). */
  fetchedAt: number;
}

export interface ArchiveIndex {
  files: number;
  byKind: Record<DocumentKind, ArchiveFile[]>;
  skipped: Partial<Record<FileSkipReason, number>>;
  /** One file per skip reason, and why, for the summary. */
  examples: Partial<Record<FileSkipReason, string>>;
  /** Files that were not UTF-8: read as Windows-1252, as a live poll reads such a download. */
  latin1: number;
}

export interface ScanProgress {
  files: number;
  total: number;
}

/** Every file under `dir`, hidden ones (.git) left out, in name order. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !path.relative(dir, file).split(path.sep).some((part) => part.startsWith('.')))
    .sort();
}

/**
 * The time a status snapshot is filed under: its own (last_updated, else its newest
 * last_reported) unless that is past the download time, as a live poll decides. The download time
 * of a file is the later of the time in its path and its modification time (a copy is younger
 * than its content); a file with no time of its own takes its path's.
 */
function statusTimes(json: unknown, lastUpdated: number | null, pathTime: number | null, modified: number): { time: number; fetchedAt: number } {
  if (lastUpdated !== null) {
    const fetchedAt = Math.max(pathTime ?? modified, modified);
    const header: ParsedStatusFeed = { version: null, lastUpdated, ttl: null, items: [], skipped: {}, clampedLastReported: 0 };
    return { time: statusFeedTime(header, fetchedAt), fetchedAt };
  }
  const fetchedAt = pathTime ?? modified;
  return { time: statusFeedTime(parseStationStatus(json, { fetchedAt }), fetchedAt), fetchedAt };
}

/** Reads and classifies every file under the folders (or given as files). */
export async function scanArchive(roots: readonly string[], onProgress?: (progress: ScanProgress) => void): Promise<ArchiveIndex> {
  const index: ArchiveIndex = {
    files: 0,
    byKind: { station_status: [], station_information: [], system_information: [], vehicle_types: [] },
    skipped: {},
    examples: {},
    latin1: 0,
  };
  const listed: Array<{ root: string; file: string }> = [];
  for (const root of roots) {
    const isFile = (await stat(root)).isFile();
    for (const file of isFile ? [root] : await filesUnder(root)) listed.push({ root: isFile ? path.dirname(root) : root, file });
  }
  const skip = (reason: FileSkipReason, file: string, detail: string) => {
    index.skipped[reason] = (index.skipped[reason] ?? 0) + 1;
    index.examples[reason] ??= `${file}: ${detail}`;
  };
  for (const { root, file } of listed) {
    index.files++;
    onProgress?.({ files: index.files, total: listed.length });
    let bytes: Buffer;
    let modified: number;
    try {
      [bytes, modified] = await Promise.all([readFile(file), stat(file).then((s) => Math.floor(s.mtimeMs / 1000))]);
    } catch (error) {
      skip('unreadable', file, (error as Error).message);
      continue;
    }
    const verdict = classifyDocument(bytes);
    if ('skip' in verdict) {
      skip(verdict.skip, file, verdict.detail);
      continue;
    }
    if (verdict.latin1) index.latin1++;
    const pathTime = timeFromPath(path.relative(root, file));
    if (verdict.kind === 'station_status') {
      index.byKind.station_status.push({ path: file, ...statusTimes(verdict.json, verdict.lastUpdated, pathTime, modified) });
      continue;
    }
    if (verdict.kind === 'system_information') {
      try {
        parseSystemInformation(verdict.json);
      } catch (error) {
        // A live poll fails on it; here the other files may still say the zone.
        skip('not_gbfs', file, (error as Error).message);
        continue;
      }
    }
    const time = verdict.lastUpdated ?? pathTime ?? modified;
    index.byKind[verdict.kind].push({ path: file, time, fetchedAt: time });
  }
  for (const files of Object.values(index.byKind)) files.sort((a, b) => a.time - b.time || (a.path < b.path ? -1 : 1));
  return index;
}

/** The newest file at or before `time`, else the oldest after it (files sorted by time). */
export function nearestFile(files: readonly ArchiveFile[], time: number): ArchiveFile | null {
  let best: ArchiveFile | null = null;
  for (const file of files) {
    if (file.time > time) break;
    best = file;
  }
  return best ?? files[0] ?? null;
}

async function readJson(file: string, feed: string): Promise<unknown> {
  return parseJsonText(decodeFeedText(await readFile(file)), feed);
}

/** Where the system's zone came from: its system_information, --timezone, or its stations' position. */
export type ZoneSource = 'system_information' | 'option' | 'stations';

export interface SeriesOptions {
  /** The system id; also its name where no system_information gives one. */
  systemId: string;
  name?: string;
  /** The zone where no system_information says it; without it, the zone at the stations' median position. */
  timezone?: string;
  /** One station_information for every snapshot, instead of the archive's. */
  infoFile?: string;
}

export interface ArchiveSeries extends SnapshotSeries {
  /** Status files with the feed time of an earlier one: left out. */
  duplicates: number;
  zoneSource: ZoneSource;
  timezone: string;
}

/** A parsed document, kept while it is the one the snapshots need (they come in time order). */
function documentCache<T>(parse: (file: string) => Promise<T>) {
  let kept: { path: string; value: T } | null = null;
  return async (file: ArchiveFile): Promise<T> => {
    if (kept?.path !== file.path) kept = { path: file.path, value: await parse(file.path) };
    return kept.value;
  };
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** The archive's status snapshots as a series to land, each joined with its descriptions. */
export async function archiveSeries(index: ArchiveIndex, options: SeriesOptions): Promise<ArchiveSeries> {
  const infoFiles: ArchiveFile[] = options.infoFile ? [{ path: options.infoFile, time: 0, fetchedAt: 0 }] : index.byKind.station_information;
  if (index.byKind.station_status.length === 0) throw new ArchiveError('no station_status document was found');
  if (infoFiles.length === 0) throw new ArchiveError('no station_information document was found: pass one with --info FILE');
  const information = documentCache<ParsedFeed<StationInfo>>(async (file) => parseStationInformation(await readJson(file, 'station_information')));
  const systemInformation = documentCache<SystemInfo>(async (file) => parseSystemInformation(await readJson(file, 'system_information')).info);
  const vehicleTypes = documentCache<VehicleKinds>(async (file) => parseVehicleTypes(await readJson(file, 'vehicle_types')));

  let timezone: string;
  let zoneSource: ZoneSource;
  const systemFiles = index.byKind.system_information;
  if (systemFiles.length > 0) {
    timezone = (await systemInformation(systemFiles[systemFiles.length - 1])).timezone;
    zoneSource = 'system_information';
  } else if (options.timezone !== undefined) {
    if (!isValidTimeZone(options.timezone)) throw new ArchiveError(`--timezone ${options.timezone} is not an IANA time zone (such as Europe/Oslo)`);
    timezone = options.timezone;
    zoneSource = 'option';
  } else {
    const stations = (await information(infoFiles[infoFiles.length - 1])).items;
    if (stations.length === 0) throw new ArchiveError('no station has a position, so the time zone is unknown: pass --timezone ZONE');
    timezone = tzLookup(medianOf(stations.map((s) => s.lat)), medianOf(stations.map((s) => s.lon)));
    zoneSource = 'stations';
  }
  const fallbackSystem: SystemInfo = { systemId: null, name: options.name ?? options.systemId, timezone, language: null };

  // Ordered by feed time; a status file with the time of the one before it is a duplicate (a poll would find it unchanged).
  const statuses = [...index.byKind.station_status].sort((a, b) => a.time - b.time || (a.path < b.path ? -1 : 1));
  const distinct = statuses.filter((file, i) => i === 0 || file.time !== statuses[i - 1].time);

  async function* snapshots(after: number | null): AsyncIterable<Snapshot> {
    const files = distinct.filter((file) => after === null || file.time > after);
    let next = files.length > 0 ? readFile(files[0].path) : null;
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      const bytes = await next!;
      // The next file is read while this one is parsed and landed.
      next = i + 1 < files.length ? readFile(files[i + 1].path) : null;
      const systemFile = nearestFile(systemFiles, file.time);
      const system = systemFile ? await systemInformation(systemFile) : fallbackSystem;
      const vehicleFile = nearestFile(index.byKind.vehicle_types, file.time);
      const status = parseStationStatus(parseJsonText(decodeFeedText(bytes), 'station_status'), {
        fetchedAt: file.fetchedAt,
        vehicleKinds: vehicleFile ? await vehicleTypes(vehicleFile) : undefined,
      });
      const info = await information(nearestFile(infoFiles, file.time)!);
      yield buildSnapshot({ system, information: info, status, fetchedAt: file.fetchedAt });
    }
  }

  return { feedTimes: distinct.map((file) => file.time), snapshots, duplicates: statuses.length - distinct.length, zoneSource, timezone };
}
