/**
 * The soak's driver: one poll a second and reads at a steady rate, for a bounded time, sampling
 * the heap after full garbage collections. Every loop stops at the deadline or at its count,
 * whichever comes first; nothing is left running when it returns.
 *
 * The heap samples are only recorded here. Whether they grow is judged by `npm run soak`
 * (cli/soak.ts) over a long run, as the slope of a line fitted to them (heapSlope), never by the
 * short run of `npm test`: a few seconds on a shared machine cannot tell a leak from caches filling.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { RunSummary } from '@/lib/ingest/pollSystem';

export interface SoakRead {
  name: string;
  read: () => Promise<Response>;
  /** What the body must say beyond a 2xx of its content type: a problem, or null. */
  check?: (body: string) => string | null;
}

export interface SoakPlan {
  seconds: number;
  /** One poll of every system; its summaries, or a thrown error. */
  poll: () => Promise<RunSummary[]>;
  /** Reads taken in turn; each answer is checked by `checkRead`, then by the read's own `check`. */
  reads: SoakRead[];
  readsPerSecond: number;
}

export interface HeapSample {
  /** Seconds since the soak started. */
  seconds: number;
  /** Heap in use after a full GC, MB. */
  mb: number;
}

export interface SoakReport {
  /** Polls started (each returns its summaries or throws). */
  pollsMade: number;
  /** Every run summary the polls returned, in order. */
  runs: RunSummary[];
  pollErrors: string[];
  readsStarted: number;
  /** Reads that came back, answer checked (or failure recorded): equal to readsStarted once the soak returns. */
  reads: number;
  /** Reads answered, by the read's name. */
  readsByName: Record<string, number>;
  readErrors: string[];
  /** Reads not started because MAX_READS_IN_FLIGHT were still running (the app fell behind). */
  readsDropped: number;
  slowestReadMs: number;
  /** Heap in use after a full GC: at the start, the highest sample, at the end; and every second between. */
  heapMb: { start: number; peak: number; end: number };
  heapSamples: HeapSample[];
  rssMb: { start: number; end: number };
}

const POLL_EVERY_MS = 1_000;
const SAMPLE_EVERY_MS = 1_000;
const MAX_READS_IN_FLIGHT = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** A read must answer 2xx with a body of its content type, and what its own check asks. */
async function checkRead(response: Response, check: SoakRead['check']): Promise<string | null> {
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
  return check ? check(text) : null;
}

/**
 * The least-squares line through the samples taken after `warmUpSeconds` (caches and pools fill
 * first): its slope in MB per minute, and how many samples it was fitted on. A leak is a steady
 * rise; garbage collected noise and a plateau have a slope near zero however long the run.
 */
export function heapSlope(samples: readonly HeapSample[], warmUpSeconds: number): { mbPerMinute: number; samples: number } {
  const kept = samples.filter((s) => s.seconds >= warmUpSeconds);
  if (kept.length < 2) return { mbPerMinute: NaN, samples: kept.length };
  const meanT = kept.reduce((sum, s) => sum + s.seconds, 0) / kept.length;
  const meanM = kept.reduce((sum, s) => sum + s.mb, 0) / kept.length;
  let covariance = 0;
  let variance = 0;
  for (const s of kept) {
    covariance += (s.seconds - meanT) * (s.mb - meanM);
    variance += (s.seconds - meanT) ** 2;
  }
  return { mbPerMinute: variance > 0 ? (covariance / variance) * 60 : NaN, samples: kept.length };
}

export async function runSoak(plan: SoakPlan): Promise<SoakReport> {
  const gc = collectGarbage();
  const heapNow = () => {
    gc();
    return mb(process.memoryUsage().heapUsed);
  };
  const started = Date.now();
  const deadline = started + plan.seconds * 1_000;
  const startHeap = heapNow();
  const report: SoakReport = {
    pollsMade: 0,
    runs: [],
    pollErrors: [],
    readsStarted: 0,
    reads: 0,
    readsByName: {},
    readErrors: [],
    readsDropped: 0,
    slowestReadMs: 0,
    heapMb: { start: startHeap, peak: startHeap, end: 0 },
    heapSamples: [{ seconds: 0, mb: startHeap }],
    rssMb: { start: mb(process.memoryUsage().rss), end: 0 },
  };

  const polling = (async () => {
    const maxPolls = plan.seconds + 1;
    for (let i = 0; i < maxPolls && Date.now() < deadline; i++) {
      const due = started + i * POLL_EVERY_MS;
      await sleep(due - Date.now());
      report.pollsMade++;
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
      const { name, read, check } = plan.reads[report.readsStarted % plan.reads.length];
      report.readsStarted++;
      const readStarted = Date.now();
      const task = read()
        .then((response) => checkRead(response, check), (error: unknown) => `threw ${String(error)}`)
        .then((problem) => {
          report.reads++;
          report.readsByName[name] = (report.readsByName[name] ?? 0) + 1;
          report.slowestReadMs = Math.max(report.slowestReadMs, Date.now() - readStarted);
          if (problem) report.readErrors.push(`${name}: ${problem}`);
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
  })();

  const sampling = (async () => {
    for (let i = 1; started + i * SAMPLE_EVERY_MS < deadline; i++) {
      await sleep(started + i * SAMPLE_EVERY_MS - Date.now());
      const sample = heapNow();
      report.heapSamples.push({ seconds: (Date.now() - started) / 1_000, mb: sample });
      report.heapMb.peak = Math.max(report.heapMb.peak, sample);
    }
  })();

  await Promise.all([polling, reading, sampling]);
  await Promise.all(inFlight);
  report.heapMb.end = heapNow();
  report.heapSamples.push({ seconds: (Date.now() - started) / 1_000, mb: report.heapMb.end });
  report.heapMb.peak = Math.max(report.heapMb.peak, report.heapMb.end);
  report.rssMb.end = mb(process.memoryUsage().rss);
  return report;
}
