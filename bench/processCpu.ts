/**
 * CPU time actually spent, which the shared machine's wall clock hides: this Node process's, and
 * that of the Postgres backends serving one database (found by their process title in /proc, so
 * only when the server runs on this machine, as it does for the benchmark).
 */
import fs from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s on every common platform. */
const MS_PER_TICK = 10;

export interface CpuReading {
  nodeMs: number;
  /** null: no backend of that database visible on this machine (PGlite, or a remote server). */
  postgresMs: number | null;
}

function backendCpuMs(databaseName: string): number | null {
  let total: number | null = null;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres:') || !title.includes(` ${databaseName} `)) continue;
      // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total = (total ?? 0) + (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

export function readCpu(databaseName: string | null): CpuReading {
  const { user, system } = process.cpuUsage();
  return { nodeMs: (user + system) / 1000, postgresMs: databaseName && fs.existsSync('/proc') ? backendCpuMs(databaseName) : null };
}

export function cpuSince(before: CpuReading, databaseName: string | null): CpuReading {
  const now = readCpu(databaseName);
  return {
    nodeMs: now.nodeMs - before.nodeMs,
    postgresMs: now.postgresMs === null || before.postgresMs === null ? null : now.postgresMs - before.postgresMs,
  };
}
