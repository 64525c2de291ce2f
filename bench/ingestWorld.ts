/**
 * Bulk ingest on a simulated world: many systems of the simulator's Vélib-shaped city, polled
 * round after round through the app's storePoll, a bounded number of systems at a time (as
 * pollSystems does). Snapshots are fetched and parsed before the clock starts: the figure is the
 * database path alone (transaction, crediting, writes).
 *
 * Round 1 is every system's first poll: every station's status and description is new, the bulk
 * load. Later rounds are steady polls a minute apart: changed statuses only, plus the rollups.
 */
import type { Database } from '@/db/client';
import { storePoll } from '@/lib/ingest/storePoll';
import type { Snapshot } from '@/lib/gbfs/snapshot';
import { cpuSince, readCpu } from './processCpu';
import { ms, timed } from './timing';
import { shiftSnapshot } from './velibSnapshots';

export interface WorldOptions {
  systems: number;
  rounds: number;
  /** Systems stored at the same time (one connection each). */
  concurrency: number;
}

export interface RoundFigures {
  round: number;
  wallMs: number;
  /** Station statuses read from the feeds and stored through storePoll, per second. */
  statusesPerSecond: number;
  /** station_status rows written (changed statuses only), per second. */
  statusRowsPerSecond: number;
  /** station_status + station_hourly + station_versions rows written, per second. */
  rowsWrittenPerSecond: number;
  medianPollMs: number;
  /** CPU spent per 1,000 statuses: this process, and the Postgres backends when visible. */
  cpuMsPer1000Statuses: { node: number; postgres: number | null };
}

export interface WorldFigures {
  systems: number;
  stationsPerSystem: number;
  concurrency: number;
  firstRound: RoundFigures;
  steadyRounds: RoundFigures;
}

async function boundedAll<T>(count: number, concurrency: number, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await run(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

async function pollRound(database: Database, databaseName: string | null, snapshot: Snapshot, options: WorldOptions, round: number): Promise<RoundFigures> {
  const cpuBefore = readCpu(databaseName);
  const [wallMs, polls] = await timed(() =>
    boundedAll(options.systems, options.concurrency, async (index) => {
      const systemId = `world-${String(index).padStart(3, '0')}`;
      const [pollMs, result] = await timed(() =>
        storePoll(database.db, {
          systemId,
          gbfsUrl: `http://world/${systemId}`,
          snapshot,
          maxGapSeconds: 900,
          run: { systemId, trigger: 'cli', startedAt: Date.now() },
        }),
      );
      if (result.status !== 'ok') throw new Error(`${systemId} round ${round}: ${result.status}`);
      return { pollMs, ...result };
    }),
  );
  const sum = (pick: (p: (typeof polls)[number]) => number) => polls.reduce((total, p) => total + pick(p), 0);
  const perSecond = (n: number) => Math.round((n / wallMs) * 1000);
  const pollTimes = polls.map((p) => p.pollMs).sort((a, b) => a - b);
  const cpu = cpuSince(cpuBefore, databaseName);
  const per1000Statuses = (cpuMs: number) => ms((cpuMs / (options.systems * snapshot.statuses.length)) * 1000);
  return {
    round,
    wallMs: Math.round(wallMs),
    statusesPerSecond: perSecond(options.systems * snapshot.statuses.length),
    statusRowsPerSecond: perSecond(sum((p) => p.statusRows)),
    rowsWrittenPerSecond: perSecond(sum((p) => p.statusRows + p.rollupRows + p.versionRows)),
    medianPollMs: ms(pollTimes[Math.floor(pollTimes.length / 2)]),
    cpuMsPer1000Statuses: { node: per1000Statuses(cpu.nodeMs), postgres: cpu.postgresMs === null ? null : per1000Statuses(cpu.postgresMs) },
  };
}

/** Sums the steady rounds: their throughput over their total time. */
function combine(rounds: RoundFigures[]): RoundFigures {
  const wallMs = rounds.reduce((total, r) => total + r.wallMs, 0);
  const weighted = (pick: (r: RoundFigures) => number) => Math.round(rounds.reduce((total, r) => total + pick(r) * r.wallMs, 0) / wallMs);
  return {
    round: rounds.length,
    wallMs,
    statusesPerSecond: weighted((r) => r.statusesPerSecond),
    statusRowsPerSecond: weighted((r) => r.statusRowsPerSecond),
    rowsWrittenPerSecond: weighted((r) => r.rowsWrittenPerSecond),
    medianPollMs: [...rounds.map((r) => r.medianPollMs)].sort((a, b) => a - b)[Math.floor(rounds.length / 2)],
    cpuMsPer1000Statuses: {
      node: ms(weighted((r) => r.cpuMsPer1000Statuses.node * 1000) / 1000),
      postgres: rounds.some((r) => r.cpuMsPer1000Statuses.postgres === null)
        ? null
        : ms(weighted((r) => (r.cpuMsPer1000Statuses.postgres ?? 0) * 1000) / 1000),
    },
  };
}

/** `polls` are consecutive polls of one city; every system replays them, a minute apart. */
export async function runIngestWorld(database: Database, databaseName: string | null, polls: Snapshot[], options: WorldOptions): Promise<WorldFigures> {
  const rounds: RoundFigures[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const poll = polls[round % polls.length];
    const snapshot = shiftSnapshot(poll, polls[0].feedTime + round * 60 - poll.feedTime);
    rounds.push(await pollRound(database, databaseName, snapshot, options, round + 1));
  }
  return {
    systems: options.systems,
    stationsPerSystem: polls[0].statuses.length,
    concurrency: options.concurrency,
    firstRound: rounds[0],
    steadyRounds: combine(rounds.slice(1)),
  };
}
