/** What /api/health reports: the database answers, and every system was polled recently. */
import { readConfig } from '@/lib/config';
import { configuredSystems } from '@/lib/systems';
import { getDatabase } from '@/db/client';
import { ping, systemFreshness } from '@/db/health';

export interface HealthReport {
  healthy: boolean;
  database: { reachable: boolean; kind: string | null; error?: string };
  systems: Array<{
    id: string;
    lastSuccessfulPoll: string | null;
    lastStatus: string | null;
    feedTime: string | null;
    ageSeconds: number | null;
    stale: boolean;
  }>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function checkHealth(now = Date.now()): Promise<HealthReport> {
  const config = readConfig();
  const systems = configuredSystems();
  try {
    const database = await getDatabase();
    await ping(database.db);
    const freshness = await systemFreshness(database.db, systems.map((s) => s.id));
    const report = freshness.map((f) => {
      const ageSeconds = f.feedTime === null ? null : Math.max(0, Math.round(now / 1000 - f.feedTime));
      return {
        id: f.systemId,
        lastSuccessfulPoll: iso(f.lastSuccess),
        lastStatus: f.lastStatus,
        feedTime: iso(f.feedTime === null ? null : f.feedTime * 1000),
        ageSeconds,
        stale: ageSeconds === null || ageSeconds > config.STALE_AFTER_SECONDS,
      };
    });
    return { healthy: report.every((s) => !s.stale), database: { reachable: true, kind: database.kind }, systems: report };
  } catch (error) {
    return {
      healthy: false,
      // The message of a failed connection can name the host; never the URL with its password.
      database: { reachable: false, kind: null, error: (error as Error).name },
      systems: systems.map((s) => ({ id: s.id, lastSuccessfulPoll: null, lastStatus: null, feedTime: null, ageSeconds: null, stale: true })),
    };
  }
}
