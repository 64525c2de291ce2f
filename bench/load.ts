/**
 * `npm run bench:load`: the running server under load. The built app on a throwaway embedded
 * database backfilled from the simulator (1,500 stations, 36 h), and autocannon (50 connections,
 * 10 s) on /api/hotspots for a finished day and for today.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import { localDateOf } from '@/lib/hotspots/localTime';
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

export interface LoadFigures {
  polls: number;
  finishedDay: { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; bytesPerResponse: number };
  today: LoadFigures['finishedDay'];
  serverPeakRssMb: number | null;
}

export async function runLoadBench(demo: DemoServer): Promise<LoadFigures> {
  const now = Math.floor(Date.now() / 1000);
    const today = localDateOf(now, 'Europe/Paris');
    const yesterday = localDateOf(now - 86_400, 'Europe/Paris');
  const figures: Partial<LoadFigures> = { polls: demo.polls };
  for (const [key, date] of [['finishedDay', yesterday], ['today', today]] as const) {
    const url = `${demo.base}/api/hotspots?date=${date}`;
    await fetch(url); // warm-up: the first request opens the route
    const result = await autocannon({ url, connections: 50, duration: 10 });
    figures[key] = {
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    };
    console.log(`  /api/hotspots, ${key === 'today' ? 'today' : 'finished day'} (${date}): ${JSON.stringify(figures[key])}`);
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
