/**
 * `npm run soak [-- --seconds N]`: the long form of test/soak.test.ts (N seconds per database
 * kind, 300 by default), run by vitest so that it shares the test's setup, databases and
 * behaviour checks. Then the judgement the short form in `npm test` cannot make: the heap after
 * garbage collection, sampled every second, must not keep rising. A line is fitted to the samples
 * after the warm-up (least squares, test/support/soakLoop.ts heapSlope); a slope above
 * MAX_SLOPE_MB_PER_MINUTE fails the soak (exit code 1). A leak of a few KB per poll shows there
 * within minutes, while a plateau or garbage-collection noise stays near zero however long the run.
 * The exit code is vitest's when the behaviour fails.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { heapSlope, type HeapSample } from '@/test/support/soakLoop';

const VITEST = path.join('node_modules', 'vitest', 'vitest.mjs');
const DEFAULT_SECONDS = 300;
/** A soak is bounded: an hour per database kind at most. */
const MAX_SECONDS = 3_600;
/** Below this the fitted slope says little (caches still filling): it is printed, not judged. */
const MIN_JUDGED_SECONDS = 120;
/** Samples before this share of the run (at least 30 s) are warm-up: pools, caches, JIT. */
const WARM_UP_SHARE = 0.2;
/** 1 MB a minute is 60 MB an hour: what a server polling once a minute could not afford. */
const MAX_SLOPE_MB_PER_MINUTE = 1;

const { values } = parseArgs({ options: { seconds: { type: 'string', default: String(DEFAULT_SECONDS) } } });
const seconds = Number(values.seconds);
if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SECONDS) {
  console.error(`--seconds must be a whole number from 1 to ${MAX_SECONDS}`);
  process.exit(2);
}
const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-soak-')), 'report.jsonl');
const run = spawnSync(process.execPath, [VITEST, 'run', 'test/soak.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SOAK_SECONDS: String(seconds), SOAK_REPORT_FILE: reportFile },
});
if (run.status !== 0) process.exit(run.status ?? 1);

const reports = fs
  .readFileSync(reportFile, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { kind: string; seconds: number; heapSamples: HeapSample[] });
fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });

const warmUp = Math.max(30, seconds * WARM_UP_SHARE);
const judged = seconds >= MIN_JUDGED_SECONDS;
let leaking = false;
for (const { kind, heapSamples } of reports) {
  const slope = heapSlope(heapSamples, warmUp);
  const kept = heapSamples.filter((s) => s.seconds >= warmUp).map((s) => s.mb);
  const range = kept.length > 0 ? `${Math.min(...kept)}–${Math.max(...kept)} MB` : 'no sample';
  const verdict = !judged
    ? `not judged: under ${MIN_JUDGED_SECONDS} s`
    : slope.mbPerMinute > MAX_SLOPE_MB_PER_MINUTE
      ? `FAILED: above ${MAX_SLOPE_MB_PER_MINUTE} MB/min, the heap keeps growing`
      : `ok (limit ${MAX_SLOPE_MB_PER_MINUTE} MB/min)`;
  console.log(
    `heap after GC on ${kind}: ${slope.mbPerMinute >= 0 ? '+' : ''}${slope.mbPerMinute.toFixed(3)} MB/min fitted on ${slope.samples} samples after ${warmUp} s of warm-up (${range}): ${verdict}`,
  );
  if (judged && !(slope.mbPerMinute <= MAX_SLOPE_MB_PER_MINUTE)) leaking = true;
}
process.exit(leaking ? 1 : 0);
