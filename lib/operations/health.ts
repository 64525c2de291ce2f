/**
 * What /api/health reports. `healthy` is the process's own health: it answers and its database
 * works. Every system's freshness is in the report too; `strict` also counts a stale feed as
 * unhealthy (for monitors), since an upstream outage must not get a healthy app restarted.
 */
import { getConfig } from '@/lib/config';
import { environmentSystems, listedSystems } from '@/lib/systems/listed';
import { getDatabase } from '@/db/client';
import { ping, systemFreshness } from '@/lib/operations/healthSql';
import { isoTime } from '@/lib/calendar';
import { forecastHealth } from '@/lib/forecast/read';

export interface HealthReport {
  healthy: boolean;
  strict: boolean;
  database: { reachable: boolean; kind: string | null; error?: string };
  systems: Array<{
    id: string;
    lastSuccessfulPoll: string | null;
    lastStatus: string | null;
    feedTime: string | null;
    ageSeconds: number | null;
    stale: boolean;
    /** The live forecast against its backtest (null before a model is fitted); `drifting` flags live error well above it. */
    forecast: Awaited<ReturnType<typeof forecastHealth>>;
  }>;
}

export async function checkHealth({ strict = false, now = Date.now() }: { strict?: boolean; now?: number } = {}): Promise<HealthReport> {
  const { STALE_AFTER_SECONDS } = getConfig();
  try {
    const database = await getDatabase();
    await ping(database.db);
    // A paused system is not being collected: its age says nothing about the collector's health.
    const systems = (await listedSystems(database.db)).filter((s) => !s.paused);
    const freshness = await systemFreshness(database.db, systems.map((s) => s.id));
    const forecasts = await Promise.all(freshness.map((f) => forecastHealth(database.db, f.systemId)));
    const report = freshness.map((f, index) => {
      const ageSeconds = f.feedTime === null ? null : Math.max(0, Math.round(now / 1000 - f.feedTime));
      return {
        id: f.systemId,
        lastSuccessfulPoll: isoTime(f.lastSuccess),
        lastStatus: f.lastStatus,
        feedTime: isoTime(f.feedTime),
        ageSeconds,
        stale: ageSeconds === null || ageSeconds > STALE_AFTER_SECONDS,
        forecast: forecasts[index],
      };
    });
    return { healthy: !strict || report.every((s) => !s.stale), strict, database: { reachable: true, kind: database.kind }, systems: report };
  } catch (error) {
    return {
      healthy: false,
      strict,
      // The message of a failed connection can name the host; never the URL with its password.
      database: { reachable: false, kind: null, error: (error as Error).name },
      // The added systems live in the unreachable database: the environment's are the ones we can name.
      systems: environmentSystems().map((s) => ({ id: s.id, lastSuccessfulPoll: null, lastStatus: null, feedTime: null, ageSeconds: null, stale: true, forecast: null })),
    };
  }
}
