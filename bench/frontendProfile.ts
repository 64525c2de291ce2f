/**
 * Where a cold load of the home page spends its time before the first hexagons: one load in
 * headless Chromium against a running server (`npm run demo`), with a CPU profile from navigation
 * to the first frame with hexagons. Prints the network timeline (requests and responses, in ms
 * from navigation), the busiest scripts and functions by self time, and optionally writes the
 * profile for DevTools (`--out file.cpuprofile`).
 *
 *   npx tsx bench/frontendProfile.ts --base http://127.0.0.1:3300 [--out /tmp/load.cpuprofile] [--after 5000]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { FIRST_HEXAGONS_MARK } from '@/app/_lib/performanceMarks';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://127.0.0.1:3300' },
    out: { type: 'string' },
    path: { type: 'string', default: '/' },
    top: { type: 'string', default: '25' },
    /** Keep profiling this long after the first hexagons (what the page does next). */
    after: { type: 'string', default: '0' },
  },
});

const shortUrl = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, (q) => (q.length > 60 ? `${q.slice(0, 60)}…` : q)) || '(native)';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  // Warm the server (first render, answers cached) so the profile is about the browser.
  const warm = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const warmPage = await warm.newPage();
  await warmPage.route('https://**', (route) => route.abort('internetdisconnected'));
  await warmPage.goto(values.base + values.path);
  await warmPage.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_HEXAGONS_MARK, { timeout: 60_000 });
  await warm.close();

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.route('https://**', (route) => route.abort('internetdisconnected'));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const events: { at: number; what: string }[] = [];
  const started = Date.now();
  page.on('request', (r) => events.push({ at: Date.now() - started, what: `→ ${r.resourceType()} ${shortUrl(r.url())}` }));
  page.on('requestfinished', (r) => events.push({ at: Date.now() - started, what: `✓ ${r.resourceType()} ${shortUrl(r.url())}` }));
  await page.goto(values.base + values.path);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_HEXAGONS_MARK, { timeout: 60_000 });
  await page.waitForTimeout(Number(values.after));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  const marks = await page.evaluate(() =>
    [...performance.getEntriesByType('mark'), ...performance.getEntriesByType('paint')].map((e) => ({ name: e.name, at: Math.round(e.startTime) })),
  );
  const resources = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
      name: e.name,
      start: Math.round(e.startTime),
      end: Math.round(e.responseEnd),
      kb: Math.round(e.encodedBodySize / 1024),
    })),
  );
  const navigation = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { fetchStart: n.fetchStart, requestStart: n.requestStart, responseStart: n.responseStart, responseEnd: n.responseEnd, domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
  });
  await context.close();
  if (values.out) fs.writeFileSync(values.out, JSON.stringify(profile));

  console.log('Resources (performance timeline, ms from navigation):');
  for (const r of resources.sort((a, b) => a.start - b.start)) console.log(`  ${String(r.start).padStart(5)} → ${String(r.end).padStart(5)}  ${String(r.kb).padStart(4)} KB  ${shortUrl(r.name)}`);
  console.log('Navigation:', Object.entries(navigation).map(([k, v]) => `${k} ${Math.round(v)}`).join(', '));
  console.log('Marks:');
  for (const m of marks) console.log(`  ${String(m.at).padStart(5)}  ${m.name}`);
  console.log(`Network events (wall clock from goto): ${events.length}`);

  // Self time per node, then per script and per function.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i] / 1000);
  const perScript = new Map<string, number>();
  const perFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    const script = frame.url ? shortUrl(frame.url) : `(${frame.functionName || 'anonymous'})`;
    perScript.set(script, (perScript.get(script) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    perFunction.set(fn, (perFunction.get(fn) ?? 0) + ms);
  }
  // What ran when: per 100 ms of the profile, busy time and the scripts that took it.
  const buckets = new Map<number, Map<string, number>>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    const frame = byId.get(profile.samples[i])!.callFrame;
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
    const bucket = Math.floor((at - profile.startTime) / 100_000);
    const script = frame.url ? shortUrl(frame.url) : `(${frame.functionName})`;
    const inBucket = buckets.get(bucket) ?? new Map<string, number>();
    inBucket.set(script, (inBucket.get(script) ?? 0) + profile.timeDeltas[i] / 1000);
    buckets.set(bucket, inBucket);
  }
  console.log('Busy time per 100 ms of the profile (from its start):');
  for (const [bucket, scripts] of [...buckets].sort((a, b) => a[0] - b[0])) {
    const busy = [...scripts.values()].reduce((a, b) => a + b, 0);
    const tops = [...scripts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, ms]) => `${k} ${Math.round(ms)}`).join(', ');
    console.log(`  ${String(bucket * 100).padStart(5)}  ${String(Math.round(busy)).padStart(3)} ms  ${tops}`);
  }
  const top = Number(values.top);
  const total = (profile.endTime - profile.startTime) / 1000;
  console.log(`CPU profile: ${Math.round(total)} ms recorded`);
  console.log('Self time by script:');
  for (const [k, ms] of [...perScript].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${String(Math.round(ms)).padStart(6)} ms  ${k}`);
  console.log('Self time by function:');
  for (const [k, ms] of [...perFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${String(Math.round(ms)).padStart(6)} ms  ${k}`);
} finally {
  await browser.close();
}
