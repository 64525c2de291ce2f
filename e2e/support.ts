/** What the browser tests share: reading the map's pixels, waiting for hexagons, projecting points. */
import { expect, type Page, type TestInfo } from '@playwright/test';
import { hotspotsResponseSchema, type HotspotsResponse } from '@/lib/hotspots/schemas';
import { systemsResponseSchema } from '@/lib/systems/schemas';
import { formatMetricWithUnit } from '@/app/_lib/format';

/** The part of the window where the map shows, clear of the sidebar and the top bar. */
export const MAP_AREA = { x: 320, y: 70, width: 1060, height: 810 };

/**
 * Screenshots compared in the page itself (decoded on a 2D canvas), so the suite needs no PNG
 * library and only two numbers cross back. `coloured`: share of pixels of the first image that
 * are strongly coloured (the viridis hexagons are; grey basemap, graticule and white panels are
 * not). `changed`: share of pixels that differ clearly between the first and the second image.
 */
async function pixelShares(page: Page, pngs: Buffer[], region?: Box): Promise<{ coloured: number; changed: number }> {
  return page.evaluate(async ({ encoded, region }) => {
    const pixels = await Promise.all(
      encoded.map(async (b64) => {
        // An <img>, not fetch(): the page's CSP allows data: images but not data: connections.
        const image = new Image();
        image.src = `data:image/png;base64,${b64}`;
        await image.decode();
        const { x, y, width, height } = region ?? { x: 0, y: 0, width: image.naturalWidth, height: image.naturalHeight };
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2D context');
        context.drawImage(image, x, y, width, height, 0, 0, width, height);
        return context.getImageData(0, 0, canvas.width, canvas.height).data;
      }),
    );
    const [a, b] = pixels;
    let [coloured, changed] = [0, 0];
    for (let i = 0; i < a.length; i += 4) {
      if (Math.max(a[i], a[i + 1], a[i + 2]) - Math.min(a[i], a[i + 1], a[i + 2]) > 50) coloured++;
      if (b && Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 40) changed++;
    }
    return { coloured: coloured / (a.length / 4), changed: changed / (a.length / 4) };
  }, { encoded: pngs.map((png) => png.toString('base64')), region });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Share of the map area's pixels (or of `clip`) that are strongly coloured, as hexagons are: read
 * from a screenshot of the whole page, as the person sees it, and cut afterwards (a clipped
 * screenshot makes Chromium composite the clip anew, which can show a canvas the page does not).
 */
export async function colouredShare(page: Page, clip: Box = MAP_AREA): Promise<number> {
  return (await pixelShares(page, [await page.screenshot()], clip)).coloured;
}

/** Share of the map area's pixels whose colour differs clearly between two screenshots. */
export async function changedShare(page: Page, before: Buffer, after: Buffer): Promise<number> {
  return (await pixelShares(page, [before, after])).changed;
}

export function mapShot(page: Page): Promise<Buffer> {
  return page.screenshot({ clip: MAP_AREA });
}

/** Waits until the current answer is on screen: fetched, parsed, and a frame with hexagons drawn. */
export async function waitForHexagons(page: Page): Promise<void> {
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-loading', 'false');
  // The answer is preloaded with the page, so it can be in long before the map's code has run and
  // drawn: on a busy machine's software renderer the first frame may take well over the default 15 s.
  await expect
    .poll(async () => Number((await page.getByTestId('hotspot-map').getAttribute('data-drawn-hexagons')) ?? 0), { timeout: 40_000 })
    .toBeGreaterThan(0);
  // Two animation frames: the drawn frame reaches the screen before the screenshot.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** A screenshot kept with the test's report and as e2e/artifacts/screenshots/<name>.png, to look at. */
export async function attachShot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ path: `e2e/artifacts/screenshots/${name}.png` });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** The system the demo serves, as the API describes it. */
export async function demoSystem(page: Page) {
  const response = await page.request.get('/api/systems');
  const [system] = systemsResponseSchema.parse(await response.json()).systems;
  if (!system?.firstDay || !system.lastDay) throw new Error('the demo server holds no data');
  // The demo holds 48 hours: the day before the newest is complete.
  const day = new Date(`${system.lastDay}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return { ...system, firstDay: system.firstDay, lastDay: system.lastDay, fullDay: day.toISOString().slice(0, 10) };
}

/**
 * The "Top 10" list shows the answer's ten best-ranked hexagons, in rank order, each with its
 * value as the page formats it: what the map drew is that answer, figure by figure.
 */
export async function expectTopHotspots(page: Page, answer: HotspotsResponse): Promise<void> {
  const top = [...answer.hexagons].sort((a, b) => a.rank - b.rank).slice(0, 10);
  expect(top.length).toBeGreaterThan(0);
  const buttons = page.getByTestId('top-hotspots').getByRole('button');
  await expect(buttons).toHaveCount(top.length);
  await expect(buttons.locator('.top-hotspots__value')).toHaveText(top.map((h) => formatMetricWithUnit(h.value, answer.metric)));
  expect(await buttons.evaluateAll((items) => items.map((item) => item.getAttribute('data-h3')))).toEqual(top.map((h) => h.h3));
}

export async function hotspotsOf(page: Page, search: string): Promise<HotspotsResponse> {
  const response = await page.request.get(`/api/hotspots?${search}`);
  expect(response.status()).toBe(200);
  return hotspotsResponseSchema.parse(await response.json());
}

/** Window pixel of a point when the map is centred on `center` at `zoom` (Web Mercator, 512 px tiles). */
export function project(point: { lat: number; lon: number }, center: { lat: number; lon: number }, zoom: number, size = { width: 1400, height: 900 }) {
  const scale = 512 * 2 ** zoom;
  const x = (lon: number) => ((lon + 180) / 360) * scale;
  const y = (lat: number) => {
    const sin = Math.sin((lat * Math.PI) / 180);
    return (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale;
  };
  return { x: size.width / 2 + x(point.lon) - x(center.lon), y: size.height / 2 + y(point.lat) - y(center.lat) };
}

/** Formats a figure as the page does (en-GB, one decimal). */
export function oneDecimal(n: number): string {
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** Collects Content-Security-Policy violations the page reports. */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/** The address after a gesture: once it has left `before` and then held still for a second. */
export async function settledUrl(page: Page, before: string): Promise<string> {
  // A slow software renderer may not have applied the gesture yet; a URL that has not changed
  // would pass as "settled" and the reload would then see the view move on after the save.
  await expect.poll(() => page.url(), { timeout: 15_000 }).not.toBe(before);
  let last = '';
  await expect
    .poll(
      async () => {
        const previous = last;
        last = page.url();
        return previous === last;
      },
      { intervals: [1_000], timeout: 15_000 },
    )
    .toBe(true);
  return last;
}
