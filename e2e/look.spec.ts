/**
 * How the map looks and reads, on a phone and a desktop, light and dark: a tap opens the panel as
 * a bottom sheet with no tooltip left over it; the panel's table and chart fit; every time is on
 * the system's clock in one format; the panel is named as the tooltip names the hexagon; dark mode.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cellToLatLng } from 'h3-js';
import { formatAge, formatDay, formatInstant, formatPeriod } from '@/app/_lib/format';
import { episodesResponseSchema } from '@/lib/episodes/schemas';
import { attachShot, colouredShare, demoSystem, hotspotsOf, project, waitForHexagons } from './support';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** Opens the panel of the list's first (best-ranked) hexagon; returns its H3 index. */
async function openFirstHexagon(page: Page): Promise<string> {
  const first = page.getByTestId('top-hotspots').getByRole('button').first();
  const h3 = (await first.getAttribute('data-h3')) ?? '';
  await first.scrollIntoViewIfNeeded();
  await first.click();
  await expect(page.getByTestId('stations-table')).toBeVisible();
  await expect(page.getByTestId('hourly-chart')).toBeVisible();
  return h3;
}

/** The alpha of a CSS colour ("rgb(…)" is opaque). */
const alphaOf = (color: string) => Number(/rgba\([^)]*,\s*([\d.]+)\)/.exec(color)?.[1] ?? 1);

/** Relative luminance (WCAG) of a CSS "rgb(r, g, b)" colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
};

async function colours(locator: Locator): Promise<{ background: string; color: string }> {
  return locator.evaluate((el) => ({ background: getComputedStyle(el).backgroundColor, color: getComputedStyle(el).color }));
}

/** The mean luminance (0..1) of a screenshot of a part of the page, decoded in the page. */
async function meanLuminance(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<number> {
  const png = (await page.screenshot({ clip })).toString('base64');
  return page.evaluate(async (b64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D context');
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += (0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2]) / 255;
    return sum / (data.length / 4);
  }, png);
}

test.describe('phone', () => {
  test.use(PHONE);

  test('a hexagon chosen on the map opens its panel as an opaque bottom sheet, with no tooltip over it; the handle collapses and raises it', async ({ page }, testInfo) => {
    const system = await demoSystem(page);
    const answer = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&resolution=9`);
    const top = answer.hexagons[0];
    // Centred on the top hexagon: it sits under the middle of the map, above the controls.
    await page.goto(`/?date=${system.fullDay}&resolution=9&lat=${top.lat}&lon=${top.lon}&zoom=14`);
    await waitForHexagons(page);
    // A phone's browser follows a tap with a mouse move at the same place, then the click: the
    // tooltip that move shows must not stay over the panel the click opens.
    await page.mouse.move(195, 422);
    await expect(page.getByTestId('hexagon-tooltip')).toHaveAttribute('data-h3', top.h3);
    await page.mouse.click(195, 422);

    const panel = page.getByTestId('hexagon-panel');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('panel-h3')).toContainText(top.h3);
    await expect(page.getByTestId('stations-table')).toBeVisible();
    await expect(page.getByTestId('hexagon-tooltip')).toHaveCount(0);
    // Opaque, and over the controls: what lies under it cannot be seen or hit through it.
    expect(alphaOf((await colours(panel)).background)).toBe(1);
    const box = (await panel.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThanOrEqual(844 - 1);
    const onTop = await page.evaluate(({ x, y }) => Boolean(document.elementFromPoint(x, y)?.closest('[data-testid="hexagon-panel"]')), { x: 195, y: 844 - 40 });
    expect(onTop).toBe(true);
    await attachShot(page, testInfo, 'look-phone-tap');

    // The handle: a tap collapses the sheet to its title, another raises it.
    const handle = page.getByTestId('sheet-handle');
    await handle.tap();
    await expect(panel).toHaveAttribute('data-collapsed', 'true');
    await expect(handle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('panel-title')).toBeVisible();
    await expect(page.getByTestId('stations-table')).toBeHidden();
    expect((await panel.boundingBox())!.height).toBeLessThan(160);
    await attachShot(page, testInfo, 'look-phone-collapsed');
    await handle.tap();
    await expect(panel).toHaveAttribute('data-collapsed', 'false');
    await expect(page.getByTestId('stations-table')).toBeVisible();

    // Dragged down it collapses, dragged up it rises again.
    const drag = async (dy: number) => {
      const h = (await handle.boundingBox())!;
      const [x, y] = [h.x + h.width / 2, h.y + h.height / 2];
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x, y + dy / 2);
      await page.mouse.move(x, y + dy);
      await page.mouse.up();
    };
    await drag(150);
    await expect(panel).toHaveAttribute('data-collapsed', 'true');
    await drag(-150);
    await expect(panel).toHaveAttribute('data-collapsed', 'false');
  });

  test('a hexagon picked from the list lands above the bottom sheet, not under it', async ({ page }, testInfo) => {
    await page.goto('/');
    await waitForHexagons(page);
    const h3 = await openFirstHexagon(page);
    const [lat, lon] = cellToLatLng(h3);
    const hexagon = { lat, lon };
    // Once the flight ends, the URL holds the camera it ended on.
    await expect.poll(() => new URL(page.url()).searchParams.get('zoom'), { timeout: 20_000 }).not.toBe(null);
    await page.waitForTimeout(2500);
    const url = new URL(page.url());
    const centre = { lat: Number(url.searchParams.get('lat')), lon: Number(url.searchParams.get('lon')) };
    const onScreen = project(hexagon, centre, Number(url.searchParams.get('zoom')), { width: 390, height: 844 });
    const sheetTop = (await page.getByTestId('hexagon-panel').boundingBox())!.y;
    expect(onScreen.y).toBeLessThan(sheetTop);
    expect(onScreen.y).toBeGreaterThan(0);
    // And drawn there: while the sheet itself scrolled, Chromium's software compositor showed no
    // WebGL canvas above it (the map empty, though hovering still found hexagons).
    expect(await colouredShare(page, { x: 0, y: 120, width: 390, height: Math.round(sheetTop) - 130 })).toBeGreaterThan(0.15);
    await attachShot(page, testInfo, 'look-phone-picked');
  });
});

for (const [name, device] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
  test.describe(name, () => {
    test.use(device);

    test(`the hexagon panel fits ${device.viewport.width} px: no sideways scroll in its table, every chart label inside the chart`, async ({ page }) => {
      const system = await demoSystem(page);
      await page.goto(`/?date=${system.fullDay}&resolution=8`);
      await waitForHexagons(page);
      await openFirstHexagon(page);

      const scroller = page.locator('.table-scroll');
      const widths = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      const panel = (await page.getByTestId('hexagon-panel').boundingBox())!;
      const table = (await page.getByTestId('stations-table').boundingBox())!;
      expect(table.x + table.width).toBeLessThanOrEqual(panel.x + panel.width);
      expect(panel.x + panel.width).toBeLessThanOrEqual(device.viewport.width);

      const outside = await page.getByTestId('hourly-chart').evaluate((svg) => {
        const frame = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .map((text) => ({ text: text.textContent, box: text.getBoundingClientRect() }))
          .filter(({ box }) => box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5)
          .map(({ text }) => text);
      });
      expect(outside).toEqual([]);
      await expect(page.getByTestId('hourly-chart').locator('text', { hasText: '24h' })).toHaveCount(1);
    });
  });
}

test.describe('times', () => {
  // A browser in another zone than the system's: the page must still tell the system's clock.
  test.use({ ...DESKTOP, timezoneId: 'America/New_York' });

  test("every time is on the system's clock, every date in one format, the zone named once", async ({ page }) => {
    const system = await demoSystem(page);
    await page.goto(`/?start=${system.firstDay}&end=${system.lastDay}&resolution=8`);
    await waitForHexagons(page);
    await expect(page.getByTestId('period-label')).toHaveText(formatPeriod({ start: system.firstDay, end: system.lastDay }));
    await expect(page.getByTestId('last-poll')).toContainText(formatInstant(system.lastPoll!, system.timezone));

    const first = page.getByTestId('top-hotspots').getByRole('button').first();
    const h3 = (await first.getAttribute('data-h3'))!;
    const episodesAnswer = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/episodes' && url.searchParams.get('h3') === h3 && url.searchParams.get('kind') === 'full';
    });
    await first.click();
    const answer = episodesResponseSchema.parse(await (await episodesAnswer).json());
    expect(answer.episodes.length).toBeGreaterThan(0);
    await expect(page.getByTestId('episodes-full').locator('li')).toHaveText(
      answer.episodes.map((e) => `${e.name}: ${formatAge(e.durationSeconds)}${e.ongoing ? ', still going' : ''} from ${formatInstant(e.start, system.timezone)}`),
    );
    await expect(page.getByTestId('episodes-empty')).toBeVisible();
    await expect(page.getByTestId('typical-week')).toBeVisible();

    const text = await page.locator('body').innerText();
    // No ISO day, no numeric day, no UTC: the page's one format is "Mon 7 Dec 2026".
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(text).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/);
    expect(text).not.toMatch(/\bUTC\b/);
    const dates = text.match(/\b\w+ \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/g) ?? [];
    expect(dates.length).toBeGreaterThan(3);
    for (const date of dates) expect(date).toMatch(/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) /);
    // The zone, once.
    expect(text.split(system.timezone).length - 1).toBe(1);
  });
});

test.describe('panel title', () => {
  test.use(DESKTOP);

  test('the panel is named as the tooltip names its hexagon, the H3 index below; in a period the chart says which day it shows', async ({ page }) => {
    const system = await demoSystem(page);
    await page.goto(`/?start=${system.firstDay}&end=${system.lastDay}&resolution=8`);
    await waitForHexagons(page);
    const answer = await hotspotsOf(page, `system=${system.id}&start=${system.firstDay}&end=${system.lastDay}&resolution=8`);
    const hexagonAnswer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/hexagons/'));
    const h3 = await openFirstHexagon(page);
    const hexagon = answer.hexagons.find((h) => h.h3 === h3)!;
    expect(hexagon.label).toBeTruthy();
    await expect(page.getByTestId('panel-title')).toHaveText(hexagon.label!);
    await expect(page.getByTestId('panel-h3')).toContainText(h3);
    // The day of the hexagon's figures: the one its answer was asked for.
    const day = new URL((await hexagonAnswer).url()).searchParams.get('date')!;
    expect(day >= system.firstDay && day <= system.lastDay).toBe(true);
    await expect(page.getByTestId('hourly-chart-caption')).toContainText(`on ${formatDay(day)}`);
  });
});

test.describe('dark', () => {
  test.use({ ...DESKTOP, colorScheme: 'dark' });

  test('dark mode: a dark page, panels and basemap, readable text, the same hexagon colours', async ({ page }, testInfo) => {
    // Offline basemap: its dark variant.
    await page.route('https://basemaps.cartocdn.com/**', (route) => route.abort('internetdisconnected'));
    const system = await demoSystem(page);
    await page.goto(`/?date=${system.fullDay}`);
    await waitForHexagons(page);
    await expect(page.getByTestId('explorer')).toHaveAttribute('data-scheme', 'dark');
    await expect(page.getByTestId('explorer')).toHaveAttribute('data-basemap', 'fallback');

    expect(luminance((await colours(page.locator('body'))).background)).toBeLessThan(0.05);
    for (const part of [page.locator('.topbar'), page.getByTestId('legend'), page.getByTestId('top-hotspots')]) {
      const { background, color } = await colours(part);
      expect(luminance(background)).toBeLessThan(0.05);
      expect(contrast(color, background)).toBeGreaterThan(7);
    }
    await openFirstHexagon(page);
    const panel = await colours(page.getByTestId('hexagon-panel'));
    expect(luminance(panel.background)).toBeLessThan(0.05);
    expect(contrast(panel.color, panel.background)).toBeGreaterThan(7);
    await attachShot(page, testInfo, 'look-dark-panel');

    // Away from the city: the offline basemap alone, dark.
    await page.goto(`/?date=${system.fullDay}&lat=${system.bounds![1] - 0.2}&lon=${system.bounds![0] - 0.2}&zoom=12`);
    await expect(page.getByTestId('explorer')).toHaveAttribute('data-basemap', 'fallback');
    await page.waitForTimeout(500);
    expect(await meanLuminance(page, { x: 700, y: 200, width: 400, height: 300 })).toBeLessThan(0.2);
  });
});

test.describe('words', () => {
  test.use(DESKTOP);

  test('the offline basemap note and the legend say what they mean', async ({ page }) => {
    await page.route('https://basemaps.cartocdn.com/**', (route) => route.abort('internetdisconnected'));
    const system = await demoSystem(page);
    await page.goto(`/?date=${system.fullDay}`);
    await waitForHexagons(page);
    await expect(page.getByTestId('basemap-fallback')).toContainText('The basemap could not be loaded (offline?)');
    await expect(page.getByTestId('basemap-fallback')).not.toContainText(/Error|https?:/);
    await expect(page.getByTestId('legend')).toContainText('Colour follows the weight');
    await page.getByLabel('3D: extrude by weight').check();
    await expect(page.getByTestId('legend')).toContainText('Colour and height follow the weight');
  });
});

// Pictures to look at: the default view and a hexagon's panel, desktop and phone, light and dark.
for (const scheme of ['light', 'dark'] as const) {
  for (const [name, device] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    test.describe(`${name} ${scheme}`, () => {
      test.use({ ...device, colorScheme: scheme });
      test(`screenshots: ${name}, ${scheme}`, async ({ page }, testInfo) => {
        const system = await demoSystem(page);
        await page.goto(`/?date=${system.fullDay}`);
        await waitForHexagons(page);
        await attachShot(page, testInfo, `look-${name}-${scheme}-default`);
        await openFirstHexagon(page);
        await attachShot(page, testInfo, `look-${name}-${scheme}-panel`);
      });
    });
  }
}
