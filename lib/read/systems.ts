/** GET /api/systems: every configured system with what is stored about it. */
import { localDateOf } from '@/lib/hotspots/localTime';
import type { SystemsResponse } from '@/lib/api/schemas';
import { getConfig } from '@/lib/config';
import { isoTime } from '@/lib/isoTime';
import { configuredSystems } from '@/lib/systems';
import { getDatabase } from '@/db/client';
import { systemOverviews } from '@/db/readQueries';

export async function listSystems(now = Date.now()): Promise<SystemsResponse> {
  const { db } = await getDatabase();
  const stored = new Map((await systemOverviews(db)).map((s) => [s.id, s]));
  const { DEMO_MODE: simulated, STALE_AFTER_SECONDS: staleAfterSeconds } = getConfig();
  return {
    systems: configuredSystems().map(({ id }) => {
      const s = stored.get(id);
      if (!s) {
        return { id, name: id, timezone: 'UTC', stations: 0, firstDay: null, lastDay: null, lastPoll: null, lastPollAgeSeconds: null, staleAfterSeconds, center: null, bounds: null, simulated };
      }
      const hasStations = s.west !== null && s.south !== null && s.east !== null && s.north !== null;
      return {
        id,
        name: s.name,
        timezone: s.timezone,
        stations: s.stations,
        firstDay: s.firstHour === null ? null : localDateOf(s.firstHour, s.timezone),
        lastDay: s.lastHour === null ? null : localDateOf(s.lastHour, s.timezone),
        lastPoll: isoTime(s.lastPoll),
        lastPollAgeSeconds: s.lastPoll === null ? null : Math.max(0, Math.round(now / 1000 - s.lastPoll)),
        staleAfterSeconds,
        center: s.centerLat === null || s.centerLon === null ? null : { lat: s.centerLat, lon: s.centerLon },
        bounds: hasStations ? [s.west!, s.south!, s.east!, s.north!] : null,
        simulated,
      };
    }),
  };
}
