/**
 * GET /api/systems: every configured system with what is stored about it, and how its newest
 * poll attempt went. Before its first successful poll a system is named, zoned and framed by
 * what its own system_information said, else by the built-in catalog.
 */
import { isoTime, localDateOf } from '@/lib/calendar';
import type { SystemsResponse } from '@/lib/systems/schemas';
import { getConfig } from '@/lib/config';
import { listedSystems } from '@/lib/systems/listed';
import { getDatabase } from '@/db/client';
import { lastAttempts, systemOverviews, type LastAttempt, type SystemOverview } from '@/lib/systems/sql';
import type { SystemConfig } from '@/lib/systems/catalog';

type SystemInfo = SystemsResponse['systems'][number];

function framing(config: SystemConfig, stored: SystemOverview | undefined): Pick<SystemInfo, 'center' | 'bounds'> {
  if (stored && stored.west !== null && stored.south !== null && stored.east !== null && stored.north !== null) {
    return { bounds: [stored.west, stored.south, stored.east, stored.north], center: stored.centerLat === null || stored.centerLon === null ? null : { lat: stored.centerLat, lon: stored.centerLon } };
  }
  const bounds = config.known?.bounds;
  if (!bounds) return { bounds: null, center: null };
  const [west, south, east, north] = bounds;
  return { bounds, center: { lat: (south + north) / 2, lon: (west + east) / 2 } };
}

function attemptOf(attempt: LastAttempt | undefined): SystemInfo['lastAttempt'] {
  if (!attempt) return null;
  const { status } = attempt;
  return { at: isoTime(attempt.at), status, error: status === 'failed' ? (attempt.reason ?? 'the poll failed') : null };
}

export async function listSystems(now = Date.now()): Promise<SystemsResponse> {
  const { db } = await getDatabase();
  const systems = await listedSystems(db);
  const [overviews, attempts] = await Promise.all([systemOverviews(db), lastAttempts(db, systems.map((s) => s.id))]);
  const stored = new Map(overviews.map((s) => [s.id, s]));
  const attemptById = new Map(attempts.map((a) => [a.systemId, a]));
  const { DEMO_MODE: simulated, STALE_AFTER_SECONDS: staleAfterSeconds, INGEST_INTERVAL_SECONDS: pollIntervalSeconds } = getConfig();
  return {
    systems: systems.map((config) => {
      const s = stored.get(config.id);
      const timezone = s?.timezone ?? config.known?.timezone ?? 'UTC';
      const lastPoll = s?.lastPoll ?? null;
      return {
        id: config.id,
        name: s?.name ?? config.known?.name ?? config.id,
        timezone,
        stations: s?.stations ?? 0,
        firstDay: s?.firstHour == null ? null : localDateOf(s.firstHour, timezone),
        lastDay: s?.lastHour == null ? null : localDateOf(s.lastHour, timezone),
        lastPoll: isoTime(lastPoll),
        lastPollAgeSeconds: lastPoll === null ? null : Math.max(0, Math.round(now / 1000 - lastPoll)),
        staleAfterSeconds,
        ...framing(config, s),
        simulated,
        lastAttempt: attemptOf(attemptById.get(config.id)),
        pollIntervalSeconds,
        source: config.source,
        paused: config.paused,
      };
    }),
  };
}
