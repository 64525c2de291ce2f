/**
 * `npm run bench:load`: the running server under load. The built app on a throwaway embedded
 * database backfilled from the simulator (1,500 stations, 36 h), and autocannon (50 connections,
 * 10 s) on /api/hotspots for a finished day and for today, against two baselines of the same
 * server in the same run: a static file (its ceiling here) and a rejected query (no database).
 * autocannon sends no Accept-Encoding, so those answers go as they are; the same two days are also
 * asked as a browser asks (`Accept-Encoding: gzip, deflate, br, zstd`), which gets them gzipped.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import { localDateOf } from '@/lib/calendar';
import { startDemoServer, type DemoServer } from './demoServer';

function peakRssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

export interface Target {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  bytesPerResponse: number;
  /**
   * CPU time per answer of the server process and of autocannon (this process), which share the
   * machine: what the wall-clock figures cost, and what a loaded machine does not change much
   * (absent from runs before there were these figures).
   */
  serverCpuMsPerAnswer?: number;
  clientCpuMsPerAnswer?: number;
}

/** Linux reports process times in clock ticks of 1/100 s on every common platform. */
const MS_PER_TICK = 10;

function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return null;
  }
}

const clientCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export interface LoadFigures {
  polls: number;
  /** The ceiling of this server on this machine: a static file, no app code runs. */
  staticFile: Target;
  /** The hotspots route refusing a bad date: Next's route handling and zod, no database. */
  rejectedQuery: Target;
  finishedDay: Target;
  today: Target;
  /** The same two asked as a browser asks, accepting gzip (absent from runs before there was this target). */
  finishedDayGzip?: Target;
  todayGzip?: Target;
  serverPeakRssMb: number | null;
}

export const LOAD_TARGETS = ['staticFile', 'rejectedQuery', 'finishedDay', 'today', 'finishedDayGzip', 'todayGzip'] as const;

/** What Chrome and Firefox send. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

async function hammer(url: string, expectedStatus: number, headers: Record<string, string> = {}, serverPid?: number): Promise<Target> {
  await fetch(url, { headers }); // warm-up: the first request opens the route
  const [server, client] = [processCpuMs(serverPid), clientCpuMs()];
  const result = await autocannon({ url, connections: 50, duration: 10, headers });
  const [serverAfter, clientAfter] = [processCpuMs(serverPid), clientCpuMs()];
  const answers = Math.max(1, result.requests.total);
  const perAnswer = (ms: number) => Math.round((100 * ms) / answers) / 100;
  const unexpected = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => Number(status) !== expectedStatus)
    .reduce((sum, [, { count }]) => sum + (count ?? 0), 0);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + unexpected,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    ...(server !== null && serverAfter !== null ? { serverCpuMsPerAnswer: perAnswer(serverAfter - server) } : {}),
    clientCpuMsPerAnswer: perAnswer(clientAfter - client),
  };
}

export async function runLoadBench(demo: DemoServer): Promise<LoadFigures> {
  const now = Math.floor(Date.now() / 1000);
  const today = localDateOf(now, 'Europe/Paris');
  const yesterday = localDateOf(now - 86_400, 'Europe/Paris');
  const browser = { 'accept-encoding': BROWSER_ACCEPT_ENCODING };
  const urls: Record<(typeof LOAD_TARGETS)[number], [string, number, Record<string, string>?]> = {
    staticFile: ['/icon.svg', 200],
    rejectedQuery: ['/api/hotspots?date=2025-02-30', 400],
    finishedDay: [`/api/hotspots?date=${yesterday}`, 200],
    today: [`/api/hotspots?date=${today}`, 200],
    finishedDayGzip: [`/api/hotspots?date=${yesterday}`, 200, browser],
    todayGzip: [`/api/hotspots?date=${today}`, 200, browser],
  };
  const figures: Partial<LoadFigures> = { polls: demo.polls };
  for (const key of LOAD_TARGETS) {
    const [path, status, headers] = urls[key];
    const target = await hammer(`${demo.base}${path}`, status, headers, demo.server.pid);
    figures[key] = target;
    const share = figures.staticFile ? ` (${Math.round((100 * target.requestsPerSecond) / figures.staticFile.requestsPerSecond)} % of the static file)` : '';
    console.log(`  ${key} ${path}${headers ? ' (accepting gzip)' : ''}: ${JSON.stringify(target)}${share}`);
  }
  figures.serverPeakRssMb = demo.server.pid ? peakRssMb(demo.server.pid) : null;
  console.log(`  server peak memory (VmHWM): ${figures.serverPeakRssMb} MB`);
  return figures as LoadFigures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('Server under load (autocannon, 50 connections, 10 s):');
  const demo = await startDemoServer({ port: 3917, hours: 36 });
  await runLoadBench(demo).finally(demo.close);
  process.exit(0);
}
