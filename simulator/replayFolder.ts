/**
 * Reading a folder of recorded feeds: one sub-folder per snapshot, sorted by name = time order
 * (the layout of /work/shared/gbfs/baywheels and ecobici-cdmx).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedName } from './types';

export type RecordedFeed = Exclude<FeedName, 'gbfs'>;
const RECORDED_FEEDS: readonly RecordedFeed[] = [
  'system_information',
  'station_information',
  'station_status',
  'vehicle_types',
];

export interface StatusSnapshot {
  /** Index of its sub-folder among all sub-folders (shared ordering with the other files). */
  position: number;
  folder: string;
  /** Feed time (last_updated / lastUpdatedOther), else the folder name's time, else 0. */
  time: number;
  /** `version` declared by the document, if any. */
  version: string | null;
}

export interface ReplayFolder {
  dir: string;
  folders: string[];
  statuses: StatusSnapshot[];
  /** Sub-folder positions holding each recorded file, ascending. */
  positions: Record<RecordedFeed, number[]>;
}

export async function scanReplayFolder(dir: string): Promise<ReplayFolder> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const positions: Record<RecordedFeed, number[]> = {
    system_information: [],
    station_information: [],
    station_status: [],
    vehicle_types: [],
  };
  for (const [position, folder] of folders.entries()) {
    const files = new Set(await readdir(join(dir, folder)));
    for (const feed of RECORDED_FEEDS) if (files.has(`${feed}.json`)) positions[feed].push(position);
  }
  if (positions.station_status.length === 0) throw new Error(`no */station_status.json under ${dir}`);

  const statuses: StatusSnapshot[] = [];
  for (const position of positions.station_status) {
    const folder = folders[position];
    const header = documentHeader(await readFile(join(dir, folder, 'station_status.json'), 'utf8'));
    statuses.push({ position, folder, time: header.time ?? timeFromFolderName(folder) ?? 0, version: header.version });
  }
  return { dir, folders, statuses, positions };
}

export function recordedPath(folder: ReplayFolder, feed: RecordedFeed, position: number): string {
  return join(folder.dir, folder.folders[position], `${feed}.json`);
}

/** The file's most recent version at or before `position`, else the first one after it. */
export function nearestPosition(positions: readonly number[], position: number): number | null {
  let best: number | null = null;
  for (const p of positions) if (p <= position) best = p;
  return best ?? positions.find((p) => p > position) ?? null;
}

/** Feed time and version of a recorded document; nulls when it does not parse (a truncated file). */
export function documentHeader(text: string): { time: number | null; version: string | null } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { time: null, version: null };
  }
  if (typeof doc !== 'object' || doc === null) return { time: null, version: null };
  const record = doc as Record<string, unknown>;
  const version = typeof record.version === 'string' ? record.version : null;
  return { time: epochOf(record.last_updated) ?? epochOf(record.lastUpdatedOther), version };
}

function epochOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value);
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  }
  return null;
}

/** "2023-07-18T07-11-25Z" or "2025-10-18" -> epoch seconds. */
export function timeFromFolderName(name: string): number | null {
  const stamp = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2})-(\d{2})-(\d{2})Z)?/.exec(name);
  if (!stamp) return null;
  const iso = stamp[2] ? `${stamp[1]}T${stamp[2]}:${stamp[3]}:${stamp[4]}Z` : `${stamp[1]}T00:00:00Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms / 1000;
}
