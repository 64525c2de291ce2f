/**
 * Per-system gauges read from the database when scraped, not kept in memory: they are right after
 * a restart, and for polls another process made (a Vercel cron, `npm run ingest`). The feed's age,
 * the newest poll's outcome, the end of the newest successful poll, and whether the database answered.
 */
import { Gauge } from 'prom-client';
import { getDatabase } from '@/db/client';
import { systemFreshness, type SystemFreshness } from '@/lib/operations/healthSql';
import { INGEST_STATUSES } from '@/db/schema';
import { listedSystems } from '@/lib/systems/listed';
import { logEvent } from '@/lib/log';
import { metricGroup } from './metricsRegistry';

interface FreshnessReading {
  /** epoch ms of the reading; ages are counted to it. */
  at: number;
  /** null: the database did not answer. */
  systems: SystemFreshness[] | null;
}

async function readFreshness(): Promise<FreshnessReading> {
  try {
    const { db } = await getDatabase();
    // The systems being polled: a paused or removed one must not trip the stale alert.
    const ids = (await listedSystems(db)).filter((s) => !s.paused).map((s) => s.id);
    return { at: Date.now(), systems: await systemFreshness(db, ids) };
  } catch (error) {
    // The error's name only: the message of a failed connection can name the host.
    logEvent('warn', 'metrics.database_unavailable', { error: error instanceof Error ? error.name : 'unknown' });
    return { at: Date.now(), systems: null };
  }
}

const storedFreshness = () =>
  metricGroup('storedFreshness', (registry) => {
    // One reading serves every gauge of a scrape: prom-client collects them all at once.
    let pending: Promise<FreshnessReading> | undefined;
    const reading = () => {
      if (!pending) {
        const started = readFreshness();
        pending = started;
        void started.finally(() => {
          if (pending === started) pending = undefined;
        });
      }
      return pending;
    };
    /** Resets a gauge and sets one value per system the reading knows. */
    const fillPerSystem = async (gauge: Gauge<'system'>, valueOf: (system: SystemFreshness, at: number) => number | null) => {
      const { at, systems } = await reading();
      gauge.reset();
      for (const system of systems ?? []) {
        const value = valueOf(system, at);
        if (value !== null) gauge.set({ system: system.systemId }, value);
      }
    };

    const feedAge: Gauge<'system'> = new Gauge({
      name: 'gbfs_hotspots_feed_age_seconds',
      help: 'Seconds since the feed time of the newest stored poll (absent until a poll is stored)',
      labelNames: ['system'] as const,
      registers: [registry],
      collect: () => fillPerSystem(feedAge, (s, at) => (s.feedTime === null ? null : Math.max(0, Math.round(at / 1000 - s.feedTime)))),
    });
    const lastSuccess: Gauge<'system'> = new Gauge({
      name: 'gbfs_hotspots_last_successful_poll_timestamp_seconds',
      help: 'When the newest poll that succeeded (ok or unchanged) ended, Unix time',
      labelNames: ['system'] as const,
      registers: [registry],
      collect: () => fillPerSystem(lastSuccess, (s) => s.lastSuccess),
    });
    const lastOutcome: Gauge<'system' | 'outcome'> = new Gauge({
      name: 'gbfs_hotspots_last_poll_outcome',
      help: "1 for the outcome of the system's newest poll attempt (ok, unchanged, stale, failed), 0 for the others",
      labelNames: ['system', 'outcome'] as const,
      registers: [registry],
      async collect() {
        const { systems } = await reading();
        lastOutcome.reset();
        for (const system of systems ?? []) {
          if (system.lastStatus === null) continue;
          for (const outcome of INGEST_STATUSES) lastOutcome.set({ system: system.systemId, outcome }, outcome === system.lastStatus ? 1 : 0);
        }
      },
    });
    const databaseUp: Gauge = new Gauge({
      name: 'gbfs_hotspots_database_up',
      help: 'Whether the database answered the scrape (0: the gauges read from it are absent)',
      registers: [registry],
      async collect() {
        databaseUp.set((await reading()).systems === null ? 0 : 1);
      },
    });
    return { feedAge, lastSuccess, lastOutcome, databaseUp };
  });

/** Creates the gauges; they read the database each time they are scraped. */
export function registerStoredFreshness(): void {
  storedFreshness();
}
