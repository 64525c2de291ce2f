/**
 * startReplay: recorded feeds served over real HTTP, one snapshot per station_status request.
 * Recorded bytes are served exactly as stored; only gbfs.json (and system_information.json when
 * the folder has none) is synthesised.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Moment } from './faults';
import { serveFeeds, type DocumentRequest, type FeedSource } from './httpHost';
import { rfc3339 } from './localTime';
import { feedList } from './render/types';
import {
  nearestPosition,
  recordedPath,
  scanReplayFolder,
  type RecordedFeed,
  type ReplayFolder,
} from './replayFolder';
import type { FeedName, ReplayOptions, RunningSimulator } from './types';

export async function startReplay(options: ReplayOptions): Promise<RunningSimulator> {
  const folder = await scanReplayFolder(resolve(options.dir));
  return serveFeeds(replaySource(folder, options), { port: options.port, host: options.host });
}

export function replaySource(folder: ReplayFolder, options: Omit<ReplayOptions, 'dir'>): FeedSource {
  const last = folder.statuses.length - 1;
  /** Index into folder.statuses of the snapshot last served; -1 before the first request. */
  let cursor = -1;
  const next = () => (cursor < last ? cursor + 1 : options.loop ? 0 : last);
  const snapshotFor = (moment: Moment): number => {
    if (moment === 'advance') return (cursor = next());
    if (moment === 'peek') return next();
    // The one before the current one; with nothing older yet, the first.
    return Math.max(0, cursor - 1);
  };
  const current = () => folder.statuses[Math.max(0, cursor)];

  const systemName = options.name ?? basename(folder.dir);
  const systemId = options.systemId ?? basename(folder.dir);
  const timezone = options.timezone ?? 'UTC';
  const version = folder.statuses[0].version;
  const feeds: FeedName[] = ['gbfs', 'system_information', 'station_information', 'station_status'];
  if (folder.positions.vehicle_types.length > 0) feeds.push('vehicle_types');

  const recorded = async (feed: RecordedFeed, position: number): Promise<Buffer | null> => {
    const at = nearestPosition(folder.positions[feed], position);
    return at === null ? null : readFile(recordedPath(folder, feed, at));
  };

  return {
    feeds,
    contentFaults: false,
    now: () => current().time,
    body: async (feed: FeedName, request: DocumentRequest) => {
      if (feed === 'gbfs') return json(discovery(request.baseUrl, feeds, version, current().time, timezone));
      if (feed === 'station_status') {
        const snapshot = folder.statuses[snapshotFor(request.moment)];
        return readFile(recordedPath(folder, 'station_status', snapshot.position));
      }
      const snapshot = request.moment === 'stale' ? folder.statuses[snapshotFor('stale')] : current();
      const bytes = await recorded(feed, snapshot.position);
      if (bytes) return bytes;
      if (feed === 'system_information') {
        return json({
          last_updated: snapshot.time,
          ttl: 0,
          version: '1.1',
          data: { system_id: systemId, name: systemName, timezone },
        });
      }
      throw new Error(`${feed}.json is not in ${folder.dir}`);
    },
  };
}

/** gbfs.json in the layout of the recorded feed's own version (v3: data.feeds, else data.en.feeds). */
function discovery(
  baseUrl: string,
  feeds: readonly FeedName[],
  version: string | null,
  time: number,
  timezone: string,
): object {
  const list = feedList(baseUrl, feeds);
  if (version?.startsWith('3')) {
    return { last_updated: rfc3339(time, timezone), ttl: 0, version, data: { feeds: list } };
  }
  return { last_updated: time, ttl: 0, version: version ?? '1.1', data: { en: { feeds: list } } };
}

function json(value: object): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
