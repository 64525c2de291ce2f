/**
 * A map a person can trust: what is highlighted belongs to the answer on screen, switching the
 * period keeps the chosen day, the page says why a view is empty and offers one that is not, the
 * colours of History ▶ keep one scale, Back and Forward walk the person's steps, and the keyboard
 * reaches past the map to every hexagon.
 */
import { expect, test, type Page } from '@playwright/test';
import { addDays, isoWeekday } from '@/lib/calendar';
import { formatDay } from '@/app/_lib/format';
import { demoSystem, hotspotsOf, project, waitForHexagons } from './support';

/** The colour of the map's pixel under a point, read from a screenshot in the page. */
async function pixelAt(page: Page, point: { x: number; y: number }): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(point.x) - 1, y: Math.round(point.y) - 1, width: 3, height: 3 } });
  return page.evaluate(async (b64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const [r, g, b] = context.getImageData(1, 1, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, png.toString('base64'));
}

/** The highlight is pink (255, 80, 120); no colour of the viridis ramp has a high red and a low green. */
const isHighlight = ([r, g]: [number, number, number]) => r > 200 && g < 140;

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

test('the highlight stays on the hexagon under a still pointer when the answer changes under it', async ({ page }) => {
  const system = await demoSystem(page);
  const occupancy = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&resolution=9`);
  const bikes = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&resolution=9&metric=bikes`);
  // A hexagon whose place in the answer's list differs between the two metrics: the old highlight,
  // kept by list position, would then light another hexagon.
  const target = occupancy.hexagons.find((h, i) => bikes.hexagons.findIndex((b) => b.h3 === h.h3) !== i && bikes.hexagons.some((b) => b.h3 === h.h3))!;
  await page.goto(`/?date=${system.fullDay}&resolution=9&lat=${target.lat}&lon=${target.lon}&zoom=14`);
  await waitForHexagons(page);
  const centre = project(target, target, 14);
  await page.mouse.move(centre.x, centre.y);
  await expect(page.getByTestId('hexagon-tooltip')).toHaveAttribute('data-h3', target.h3);
  await settle(page);
  expect(isHighlight(await pixelAt(page, centre))).toBe(true);

  await page.getByTestId('metric-select').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/metric=(?!occupancy)/);
  await waitForHexagons(page);
  await expect(page.getByTestId('hexagon-tooltip')).toHaveAttribute('data-h3', target.h3);
  await settle(page);
  expect(isHighlight(await pixelAt(page, centre))).toBe(true);
});

test('Day → Month → Day lands on the day the person chose, not on the last day of the month', async ({ page }) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.firstDay}`);
  await waitForHexagons(page);
  await page.getByTestId('span-select').selectOption('month');
  await expect(page).toHaveURL(/start=\d{4}-\d{2}-01/);
  await page.getByTestId('span-select').selectOption('day');
  await expect(page).toHaveURL(new RegExp(`date=${system.firstDay}`));
  await expect(page.getByTestId('date-input')).toHaveValue(system.firstDay);
  await waitForHexagons(page);
  await expect(page.getByTestId('notice-empty')).toHaveCount(0);
});

test('the map opens on the newest complete day, not on the sliver of today collected so far', async ({ page }) => {
  const system = await demoSystem(page);
  await page.goto('/');
  await waitForHexagons(page);
  await expect(page).toHaveURL(new RegExp(`date=${system.fullDay}`));
  await expect(page.getByTestId('date-input')).toHaveValue(system.fullDay);
});

test('a week whose weekday filter keeps no day with data says so and offers every day of the week', async ({ page }) => {
  const system = await demoSystem(page);
  const dataDays = [system.firstDay, system.fullDay, system.lastDay];
  // A weekday none of the collected days falls on, in the week of the first day.
  const missing = [1, 2, 3, 4, 5, 6, 7].find((d) => !dataDays.map(isoWeekday).includes(d))!;
  const start = addDays(system.firstDay, 1 - isoWeekday(system.firstDay));
  const end = addDays(start, 6);
  await page.goto(`/?start=${start}&end=${end}&weekdays=${missing}&date=${system.firstDay}`);
  const notice = page.getByTestId('notice-empty');
  await expect(notice).toContainText(/leave no day with data in/);
  await expect(notice).not.toContainText('No station was observed');
  await notice.getByRole('button', { name: /every day of this week|Show/ }).click();
  await waitForHexagons(page);
  await expect(page).not.toHaveURL(new RegExp(`weekdays=${missing}(&|$)`));
});

test('comparing with a base period that holds no data says so, draws the period alone and offers the comparison that is possible', async ({ page }) => {
  const system = await demoSystem(page);
  const before = addDays(system.firstDay, -1);
  await page.goto(`/?date=${system.firstDay}&baseStart=${before}&baseEnd=${before}`);
  const notice = page.getByTestId('notice-empty');
  await expect(notice).toContainText(`holds no data (data since ${formatDay(system.firstDay)})`);
  await waitForHexagons(page);
  // No "less −0.0 % / more +0.0 %" legend nor "largest changes" ranked on nothing.
  await expect(page.getByTestId('legend-comparison')).toHaveCount(0);
  await expect(page.locator('#top-hotspots-title')).toHaveText(/^Top \d+ hotspots$/);
  // Ranked by their own value, heaviest first, as a day without comparison would be.
  const values = await page.getByTestId('top-hotspots').locator('.top-hotspots__value').allTextContents();
  const numbers = values.map((v) => Number.parseFloat(v.replace(',', '')));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  await notice.getByRole('button', { name: /^Compare / }).click();
  const next = addDays(system.firstDay, 1);
  await expect(page).toHaveURL(new RegExp(`date=${next}.*baseStart=${system.firstDay}&baseEnd=${system.firstDay}`));
  await waitForHexagons(page);
  await expect(page.getByTestId('legend-comparison')).toBeVisible();
  await expect(page.getByTestId('notice-empty')).toHaveCount(0);
});

test('History ▶ keeps one colour scale for the whole day: the legend does not re-stretch at every hour', async ({ page }) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.fullDay}&from=6&to=7`);
  await waitForHexagons(page);
  await page.getByTestId('play-button').click();
  const seen = await page.evaluate(
    () =>
      new Promise<{ from: number; min: string; max: string }[]>((resolve) => {
        const frames: { from: number; min: string; max: string }[] = [];
        const timer = setInterval(() => {
          const from = Number(new URL(location.href).searchParams.get('from'));
          const explorer = document.querySelector('[data-testid="explorer"]');
          if (explorer?.getAttribute('data-loading') !== 'false') return;
          const min = document.querySelector('[data-testid="legend-min"]')?.textContent ?? '';
          const max = document.querySelector('[data-testid="legend-max"]')?.textContent ?? '';
          if (frames[frames.length - 1]?.from !== from) frames.push({ from, min, max });
          if (frames.length === 4) {
            clearInterval(timer);
            resolve(frames);
          }
        }, 20);
      }),
  );
  await page.getByTestId('play-button').click();
  const hours = seen.slice(1);
  expect(hours.map((f) => f.from)).toEqual([hours[0].from, hours[0].from + 1, hours[0].from + 2]);
  expect(new Set(hours.map((f) => `${f.min}|${f.max}`)).size).toBe(1);
  // The scale is the day's: each hour's own answer spans less.
  const own = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&from=${hours[0].from}&to=${hours[0].from + 1}&resolution=10`);
  expect(own.hexagons.length).toBeGreaterThan(0);
});

test('Back and Forward walk the changes of day, metric and hexagon; moving the map adds no step', async ({ page }) => {
  const system = await demoSystem(page);
  await page.goto('/');
  await waitForHexagons(page);
  const opened = page.url();
  await page.getByTestId('date-input').fill(system.firstDay);
  await expect(page).toHaveURL(new RegExp(`date=${system.firstDay}`));
  await waitForHexagons(page);
  await page.getByTestId('metric-select').selectOption('bikes');
  await expect(page).toHaveURL(/metric=bikes/);
  await waitForHexagons(page);
  await page.mouse.move(900, 500);
  await page.mouse.wheel(0, -200);
  await expect(page).toHaveURL(/zoom=/);
  await page.getByTestId('top-hotspots').getByRole('button').first().click();
  await expect(page).toHaveURL(/h3=/);
  await expect(page.getByTestId('hexagon-panel')).toBeVisible();

  await page.goBack();
  await expect(page).not.toHaveURL(/h3=/);
  await expect(page.getByTestId('hexagon-panel')).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/metric=occupancy/);
  await expect(page.getByTestId('metric-select')).toHaveValue('occupancy');
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`date=${system.fullDay}`));
  await expect(page.getByTestId('date-input')).toHaveValue(system.fullDay);
  expect(new URL(page.url()).searchParams.get('date')).toBe(new URL(opened).searchParams.get('date'));
  await page.goForward();
  await expect(page.getByTestId('date-input')).toHaveValue(system.firstDay);
  await waitForHexagons(page);
});

test('the keyboard: a skip link first, Esc closes the panel and the tooltip, and a list reaches every hexagon', async ({ page }) => {
  const system = await demoSystem(page);
  const answer = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&resolution=10`);
  await page.goto(`/?date=${system.fullDay}&resolution=10`);
  await waitForHexagons(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the controls' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  // The next stop is a control of the sidebar, not a part of the map.
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#controls')))).toBe(true);

  const all = page.getByTestId('all-hexagons');
  await all.focus();
  await page.keyboard.press('Enter');
  const items = page.getByTestId('top-hotspots').getByRole('button');
  await expect(items).toHaveCount(answer.hexagons.length);
  const last = items.last();
  await last.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('hexagon-panel')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`h3=${await last.getAttribute('data-h3')}`));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('hexagon-panel')).toHaveCount(0);

  const top = answer.hexagons[0];
  await page.goto(`/?date=${system.fullDay}&resolution=10&lat=${top.lat}&lon=${top.lon}&zoom=15`);
  await waitForHexagons(page);
  const centre = project(top, top, 15);
  await page.mouse.move(centre.x, centre.y);
  await expect(page.getByTestId('hexagon-tooltip')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('hexagon-tooltip')).toHaveCount(0);
});

test('an empty h3= in the address fires no failing request', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.fullDay}&h3=`);
  await waitForHexagons(page);
  await page.waitForTimeout(500);
  expect(failed).toEqual([]);
});
