/**
 * The home page in headless Chromium: JavaScript bytes (gzip, and as sent) of the page and with the
 * map's by the first hexagons, and the time from navigation to the first frame with hexagons, over cold loads. The
 * baseline, measured in the same run and browser: the first paint of the server's static page
 * (its 404: the layout and Next's runtime, no API, no map), what a cold load costs on this
 * machine before the app does anything.
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { FIRST_HEXAGONS_MARK } from '@/app/_lib/performanceMarks';
import { startDemoServer, type DemoServer } from './demoServer';

const LOADS = 5;

interface Load {
  firstHexagonsMs: number;
  scripts: { url: string; bytes: number; gzipBytes: number; beforeMap: boolean }[];
}

async function coldLoad(browser: Browser, base: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  // Offline basemap, as on this machine: the figure is about the app, not a tile server.
  await page.route('https://**', (route) => route.abort('internetdisconnected'));
  // The scripts that arrived by the first hexagons; the page's own are those its HTML names (the
  // map's chunks, named in its head as preloads, are not among them).
  const scripts: Promise<Omit<Load['scripts'][number], 'beforeMap'> | null>[] = [];
  let drawn = false;
  page.on('response', (response) => {
    if (drawn || response.request().resourceType() !== 'script') return;
    scripts.push(
      response
        .body()
        .then((body) => ({ url: response.url(), bytes: body.length, gzipBytes: gzipSync(body).length }))
        .catch(() => null),
    );
  });
  const html = await (await page.goto(base))?.text();
  const pageScripts = new Set([...(html ?? '').matchAll(/<script src="([^"]+)"/g)].map((m) => new URL(m[1], base).href));
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_HEXAGONS_MARK, { timeout: 60_000 });
  drawn = true;
  const { firstHexagonsMs, arrived } = await page.evaluate((mark) => {
    const at = performance.getEntriesByName(mark)[0].startTime;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return { firstHexagonsMs: at, arrived: resources.filter((r) => r.responseEnd <= at).map((r) => r.name) };
  }, FIRST_HEXAGONS_MARK);
  // Playwright sees the mark a little late (the basemap starts right after it): count what had arrived by then.
  const byFirstHexagons = new Set(arrived);
  const received = (await Promise.all(scripts)).filter((script): script is NonNullable<typeof script> => script !== null && byFirstHexagons.has(script.url));
  const load = { firstHexagonsMs, scripts: received.map((script) => ({ ...script, beforeMap: pageScripts.has(script.url) })) };
  await context.close();
  return load;
}

/** First contentful paint of the static 404 page, cold. */
async function staticPaint(browser: Browser, base: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/a-page-that-does-not-exist`);
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 60_000 });
  const paintMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
  await context.close();
  return paintMs;
}

export interface FrontendFigures {
  loads: number;
  staticPaintMedianMs: number;
  firstHexagonsToStaticPaint: number;
  firstHexagonsMedianMs: number;
  firstHexagonsMaxMs: number;
  pageJsGzipKb: number;
  pageJsKb: number;
  withMapJsGzipKb: number;
  withMapJsKb: number;
  scripts: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes: number) => Math.round(bytes / 1024);

export async function runFrontendBench(demo: DemoServer): Promise<FrontendFigures> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await coldLoad(browser, demo.base); // warm-up: the server's first render and API answers
    await staticPaint(browser, demo.base);
    const loads: Load[] = [];
    const paints: number[] = [];
    // Interleaved, so a slower spell of the machine weighs on both.
    for (let i = 0; i < LOADS; i++) {
      paints.push(await staticPaint(browser, demo.base));
      loads.push(await coldLoad(browser, demo.base));
    }
    const last = loads[loads.length - 1];
    const sum = (beforeMapOnly: boolean, key: 'bytes' | 'gzipBytes') => last.scripts.filter((s) => !beforeMapOnly || s.beforeMap).reduce((total, s) => total + s[key], 0);
    const firstHexagonsMedianMs = Math.round(median(loads.map((l) => l.firstHexagonsMs)));
    const staticPaintMedianMs = Math.round(median(paints));
    const results: FrontendFigures = {
      loads: LOADS,
      staticPaintMedianMs,
      firstHexagonsToStaticPaint: Math.round((firstHexagonsMedianMs / staticPaintMedianMs) * 10) / 10,
      firstHexagonsMedianMs,
      firstHexagonsMaxMs: Math.round(Math.max(...loads.map((l) => l.firstHexagonsMs))),
      pageJsGzipKb: kb(sum(true, 'gzipBytes')),
      pageJsKb: kb(sum(true, 'bytes')),
      withMapJsGzipKb: kb(sum(false, 'gzipBytes')),
      withMapJsKb: kb(sum(false, 'bytes')),
      scripts: last.scripts.length,
    };
    console.log(`  JavaScript of the page: ${results.pageJsGzipKb} KB gzip (${results.pageJsKb} KB); with the map's, by the first hexagons: ${results.withMapJsGzipKb} KB gzip (${results.withMapJsKb} KB), ${results.scripts} files`);
    console.log(`  time to first hexagons, cold load, median of ${LOADS}: ${results.firstHexagonsMedianMs} ms (max ${results.firstHexagonsMaxMs} ms)`);
    console.log(`  baseline, the static 404 page's first paint, median of ${LOADS}: ${staticPaintMedianMs} ms; first hexagons ${results.firstHexagonsToStaticPaint}× that`);
    return results;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('Front end (headless Chromium, SwiftShader WebGL):');
  const demo = await startDemoServer({ port: 3918, hours: 24 });
  await runFrontendBench(demo).finally(demo.close);
}
