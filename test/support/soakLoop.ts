/**
 * The soak's driver: one poll a second and reads at a steady rate, for a bounded time, sampling
 * the heap after full garbage collections. Every loop stops at the deadline or at its count,
 * whichever comes first; nothing is left running when it returns.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { RunSummary } from '@/lib/ingest/pollSystem';

export interface SoakPlan {
  seconds: number;
  /** One poll of every system; its summaries, or a thrown error. */
  poll: () => Promise<RunSummary[]>;
  /** Reads taken in turn; each answer is checked by `checkRead`. */
  reads: Array<{ name: string; read: () => Promise<Response> }>;
  readsPerSecond: number;
}

export interface SoakReport {
  /** Every run summary the polls returned, in order. */
  runs: RunSummary[];
  pollErrors: string[];
  reads: number;
  readErrors: string[];
  /** Reads not started because MAX_READS_IN_FLIGHT were still running (the app fell behind). */
  readsDropped: number;
  slowestReadMs: number;
  /** Heap in use after a full GC: at the end of the warm-up, the highest sample, at the end, and every second between. */
  heapMb: { baseline: number; peak: number; end: number; samples: number[] };
  rssMb: { start: number; end: number };
}

const POLL_EVERY_MS = 1_000;
const MAX_READS_IN_FLIGHT = 4;
/** The first fifth of the run (at least 2 s) fills caches and pools: the heap baseline is taken after it. */
const WARM_UP_SHARE = 0.2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** A read must answer 2xx with a body of its content type. */
async function checkRead(response: Response): Promise<string | null> {
  const text = await response.text();
  if (response.status < 200 || response.status >= 300) return `HTTP ${response.status}: ${text.slice(0, 200)}`;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      JSON.parse(text);
    } catch {
      return `unparseable JSON: ${text.slice(0, 200)}`;
    }
  } else if (!type.startsWith('text/csv')) {
    return `unexpected content type ${type}`;
  }
  return null;
}

export async function runSoak(plan: SoakPlan): Promise<SoakReport> {
  const gc = collectGarbage();
  const heapNow = () => {
    gc();
    return mb(process.memoryUsage().heapUsed);
  };
  const started = Date.now();
  const deadline = started + plan.seconds * 1_000;
  const warmUpEnds = started + Math.max(2_000, plan.seconds * 1_000 * WARM_UP_SHARE);
  const report: SoakReport = {
    runs: [],
    pollErrors: [],
    reads: 0,
    readErrors: [],
    readsDropped: 0,
    slowestReadMs: 0,
    heapMb: { baseline: 0, peak: 0, end: 0, samples: [] },
    rssMb: { start: mb(process.memoryUsage().rss), end: 0 },
  };

  const polling = (async () => {
    const maxPolls = plan.seconds + 1;
    for (let i = 0; i < maxPolls && Date.now() < deadline; i++) {
      const due = started + i * POLL_EVERY_MS;
      await sleep(due - Date.now());
      try {
        const runs = await plan.poll();
        report.runs.push(...runs);
        for (const run of runs) if (run.status === 'failed') report.pollErrors.push(`${run.system}: ${run.error}`);
      } catch (error) {
        report.pollErrors.push(String(error));
      }
    }
  })();

  const inFlight = new Set<Promise<void>>();
  const reading = (async () => {
    const interval = 1_000 / plan.readsPerSecond;
    const maxReads = Math.ceil(plan.seconds * plan.readsPerSecond) + 1;
    for (let i = 0; i < maxReads && Date.now() < deadline; i++) {
      await sleep(started + i * interval - Date.now());
      if (inFlight.size >= MAX_READS_IN_FLIGHT) {
        report.readsDropped++;
        continue;
      }
      const { name, read } = plan.reads[i % plan.reads.length];
      const readStarted = Date.now();
      const task = read()
        .then(checkRead, (error: unknown) => `threw ${String(error)}`)
        .then((problem) => {
          report.reads++;
          report.slowestReadMs = Math.max(report.slowestReadMs, Date.now() - readStarted);
          if (problem) report.readErrors.push(`${name}: ${problem}`);
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
  })();

  const sampling = (async () => {
    await sleep(warmUpEnds - Date.now());
    report.heapMb.baseline = report.heapMb.peak = heapNow();
    for (let i = 0; i < plan.seconds && Date.now() < deadline - POLL_EVERY_MS; i++) {
      await sleep(POLL_EVERY_MS);
      const sample = heapNow();
      report.heapMb.samples.push(sample);
      report.heapMb.peak = Math.max(report.heapMb.peak, sample);
    }
  })();

  await Promise.all([polling, reading, sampling]);
  await Promise.all(inFlight);
  report.heapMb.end = heapNow();
  report.heapMb.peak = Math.max(report.heapMb.peak, report.heapMb.end);
  report.rssMb.end = mb(process.memoryUsage().rss);
  return report;
}
