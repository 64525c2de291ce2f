/**
 * `npm run import`'s library: an archive read (archive.ts), landed in one transaction (land.ts),
 * the system listed so that it is served like any other, then the forecast fitted once on the
 * whole history and the newest snapshot's forecast issued. Returns the summary the command prints.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '@/db/client';
import type { Executor } from '@/db/rows';
import { isoTime } from '@/lib/calendar';
import { describeError } from '@/lib/errors';
import { decodeFeedText } from '@/lib/gbfs/http';
import { parseJsonText } from '@/lib/gbfs/json';
import { parseSystemInformation } from '@/lib/gbfs/systemInformation';
import { issueFromPoll } from '@/lib/forecast/afterPoll';
import { backtestOnTwoThreads } from '@/lib/forecast/backtestWorkers';
import { fitForecastModel } from '@/lib/forecast/fitStored';
import { historyHours } from '@/lib/forecast/historySql';
import { MIN_FORECAST_HISTORY_HOURS } from '@/lib/forecast/thresholds';
import { systemIdSchema } from '@/lib/systems/catalog';
import { environmentSystems, forgetListedSystems } from '@/lib/systems/listed';
import { addedSystemRows } from '@/lib/systems/sql';
import { insertAddedSystem, setPaused } from '@/lib/systems/store';
import { ArchiveError, archiveSeries, scanArchive, type ArchiveIndex, type ZoneSource } from './archive';
import type { FileSkipReason } from './documents';
import { landSnapshots, type LandingProgress, type LandingResult } from './land';

export interface ImportOptions {
  /** Folders (or files) to read. */
  roots: string[];
  /** Default: the system_id of the archive's system_information, else the first folder's name. */
  systemId?: string;
  name?: string;
  timezone?: string;
  infoFile?: string;
  /** The system's live gbfs.json: an added system is then polled from the next round. */
  url?: string;
  maxGapSeconds: number;
  onProgress?: (progress: ImportProgress) => void;
}

export type ImportProgress = { phase: 'reading'; files: number; total: number } | LandingProgress | { phase: 'forecast' };

/** How the imported system is listed, so that /api/systems and every route serve it. */
export type Listing = 'configured' | 'added' | 'added, paused';

export interface ImportSummary {
  system: { id: string; name: string | null; timezone: string; zoneSource: ZoneSource; listing: Listing; gbfsUrl: string };
  files: {
    read: number;
    byKind: Record<string, number>;
    skipped: Partial<Record<FileSkipReason, number>>;
    /** One file per reason, and why. */
    examples: Partial<Record<FileSkipReason, string>>;
    latin1: number;
  };
  snapshots: { landed: number; alreadyStored: number; duplicates: number; first: string | null; last: string | null; previous: string | null };
  gaps: { maxGapSeconds: number; count: number; unobservedSeconds: number; longest: Array<{ from: string; to: string; seconds: number }> };
  rows: { statuses: number; statusRows: number; versionRows: number; hourlyRows: number };
  skippedRecords: Record<string, number>;
  tiersFrom: string | null;
  forecast: { fitted: boolean; stations?: number; reason?: string };
  seconds: { reading: number; landing: number; forecast: number; total: number };
  statusesPerSecond: number;
}

/** Bad options or an archive with nothing to import: said in a sentence, nothing written. */
export class ImportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportInputError';
  }
}

function defaultSystemId(roots: readonly string[]): string {
  const base = path.basename(path.resolve(roots[0]));
  return base.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 63) || 'imported';
}

async function systemIdOf(index: ArchiveIndex, options: ImportOptions): Promise<string> {
  if (options.systemId !== undefined) {
    const parsed = systemIdSchema.safeParse(options.systemId);
    if (!parsed.success) throw new ImportInputError(`--system ${options.systemId}: ${parsed.error.issues[0].message}`);
    return parsed.data;
  }
  const newest = index.byKind.system_information.at(-1);
  if (newest) {
    const own = parseSystemInformation(parseJsonText(decodeFeedText(await readFile(newest.path)), 'system_information')).info.systemId;
    const parsed = systemIdSchema.safeParse(own?.toLowerCase());
    if (parsed.success) return parsed.data;
  }
  return defaultSystemId(options.roots);
}

/** Lists the system (in the landing's transaction) unless the environment or an earlier add already does. */
async function listSystem(tx: Executor, id: string, gbfsUrl: string, pollable: boolean): Promise<Listing> {
  if (environmentSystems().some((s) => s.id === id)) return 'configured';
  const added = (await addedSystemRows(tx)).find((s) => s.id === id);
  if (added) return 'added';
  // An archive's feed needs no credentials.
  const row = { id, gbfsUrl, feedAuth: null };
  await insertAddedSystem(tx, row);
  if (pollable) return 'added';
  // Nothing to poll: listed and served, left out of the poll rounds and of the health report.
  await setPaused(tx, id, true);
  return 'added, paused';
}

/** Fits the forecast on the whole stored history and issues the newest poll's forecast; a failure is reported, not thrown. */
export async function fitOnce(db: Db, system: { id: string; timezone: string }, newest: number): Promise<ImportSummary['forecast']> {
  try {
    // A command, not the server: the backtest may take the second core.
    const model = await fitForecastModel(db, system, newest, backtestOnTwoThreads);
    if (model === null) {
      const hours = await historyHours(db, system, newest);
      return { fitted: false, reason: `not enough history to fit: ${hours.toFixed(1)} hours, ${MIN_FORECAST_HISTORY_HOURS} needed` };
    }
    await issueFromPoll(db, system, newest, model);
    return { fitted: true, stations: model.stations };
  } catch (error) {
    // The history is stored: as after a poll, a failed fit is reported, the next one tries again.
    return { fitted: false, reason: `the fit failed: ${describeError(error)} (npm run forecast:fit tries again)` };
  }
}

function gapSummary(result: LandingResult, maxGapSeconds: number): ImportSummary['gaps'] {
  const seconds = (gap: { from: number; to: number }) => gap.to - gap.from;
  const longest = [...result.gaps].sort((a, b) => seconds(b) - seconds(a)).slice(0, 5);
  return {
    maxGapSeconds,
    count: result.gaps.length,
    unobservedSeconds: result.gaps.reduce((sum, gap) => sum + seconds(gap), 0),
    longest: longest.map((gap) => ({ from: isoTime(gap.from), to: isoTime(gap.to), seconds: seconds(gap) })),
  };
}

export async function importArchive(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const index = await scanArchive(options.roots, (p) => options.onProgress?.({ phase: 'reading', ...p }));
  const systemId = await systemIdOf(index, options);
  let series;
  try {
    series = await archiveSeries(index, { systemId, name: options.name, timezone: options.timezone, infoFile: options.infoFile });
  } catch (error) {
    if (error instanceof ArchiveError) throw new ImportInputError(`${options.roots.join(', ')}: ${error.message}`);
    throw error;
  }
  const read = performance.now();
  const configured = environmentSystems().find((s) => s.id === systemId);
  const added = (await addedSystemRows(db)).find((s) => s.id === systemId);
  const gbfsUrl = options.url ?? configured?.gbfsUrl ?? added?.gbfsUrl ?? pathToFileURL(path.resolve(options.roots[0])).href;
  let listing: Listing = 'configured';
  const result = await landSnapshots(db, {
    systemId,
    gbfsUrl,
    maxGapSeconds: options.maxGapSeconds,
    series,
    onProgress: options.onProgress,
    onLanded: async (tx) => {
      listing = await listSystem(tx, systemId, gbfsUrl, options.url !== undefined);
      forgetListedSystems(db);
    },
  });
  const landed = performance.now();
  const newest = result.lastFeedTime ?? result.previousFeedTime;
  let forecast: ImportSummary['forecast'] = { fitted: false, reason: 'nothing new was imported' };
  if (result.snapshots > 0 && newest !== null) {
    options.onProgress?.({ phase: 'forecast' });
    forecast = await fitOnce(db, { id: systemId, timezone: series.timezone }, newest);
  }
  const finished = performance.now();
  const byKind = Object.fromEntries(Object.entries(index.byKind).map(([kind, files]) => [kind, files.length]));
  const skipped = { ...index.skipped };
  const duplicates = series.duplicates + result.duplicates;
  if (duplicates > 0) skipped.duplicate_feed_time = duplicates;
  if (result.alreadyStored > 0) skipped.already_stored = result.alreadyStored;
  return {
    system: { id: systemId, name: result.name, timezone: result.timezone ?? series.timezone, zoneSource: series.zoneSource, listing, gbfsUrl },
    files: { read: index.files, byKind, skipped, examples: index.examples, latin1: index.latin1 },
    snapshots: {
      landed: result.snapshots,
      alreadyStored: result.alreadyStored,
      duplicates,
      first: isoTime(result.firstFeedTime),
      last: isoTime(result.lastFeedTime),
      previous: isoTime(result.previousFeedTime),
    },
    gaps: gapSummary(result, options.maxGapSeconds),
    rows: { statuses: result.statuses, statusRows: result.statusRows, versionRows: result.versionRows, hourlyRows: result.hourlyRows },
    skippedRecords: result.skippedRecords,
    tiersFrom: result.tiersFrom,
    forecast,
    seconds: { reading: (read - started) / 1000, landing: (landed - read) / 1000, forecast: (finished - landed) / 1000, total: (finished - started) / 1000 },
    statusesPerSecond: result.statuses / Math.max((landed - started) / 1000, 1e-3),
  };
}
