/** The map as a person uses it: hexagons drawn, days and hours, hover, drill-down, shareable URL. */
import { expect, test } from '@playwright/test';
import { attachShot, changedShare, colouredShare, demoSystem, hotspotsOf, mapShot, oneDecimal, project, settledUrl, waitForHexagons } from './support';

test('the home page draws coloured hexagons over the system, framed on its stations', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  await page.goto('/');
  await waitForHexagons(page);
  await attachShot(page, testInfo, 'home');

  // Hexagons really cover the map: a sizeable share of strongly coloured pixels, not just a canvas.
  expect(await colouredShare(page)).toBeGreaterThan(0.15);
  await expect(page.getByTestId('legend')).toContainText('Occupancy');
  await expect(page.getByTestId('top-hotspots').getByRole('button')).toHaveCount(10);
  await expect(page.getByTestId('simulated-badge')).toBeVisible();
  // It opens on the newest complete day, not on the sliver of today collected so far.
  await expect(page.getByTestId('date-input')).toHaveValue(system.fullDay);

  // The view went into the URL with the API's parameter names, centred inside the stations' box.
  const url = new URL(page.url());
  expect(url.searchParams.get('date')).toBe(system.fullDay);
  expect(url.searchParams.get('metric')).toBe('occupancy');
  const [west, south, east, north] = system.bounds ?? [0, 0, 0, 0];
  expect(Number(url.searchParams.get('lat'))).toBeGreaterThan(south);
  expect(Number(url.searchParams.get('lat'))).toBeLessThan(north);
  expect(Number(url.searchParams.get('lon'))).toBeGreaterThan(west);
  expect(Number(url.searchParams.get('lon'))).toBeLessThan(east);
});

test('changing the day fetches that day and changes the picture', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.lastDay}`);
  await waitForHexagons(page);
  const before = await mapShot(page);

  const request = page.waitForRequest((r) => r.url().includes('/api/hotspots') && r.url().includes(`date=${system.fullDay}`));
  await page.getByRole('button', { name: 'Previous day' }).click();
  await request;
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-url', new RegExp(`date=${system.fullDay}`));
  await waitForHexagons(page);
  await attachShot(page, testInfo, 'previous-day');
  expect(await changedShare(page, before, await mapShot(page))).toBeGreaterThan(0.02);
  await expect(page).toHaveURL(new RegExp(`date=${system.fullDay}`));
});

test('hovering a hexagon shows the API numbers; clicking it opens its stations and hourly chart', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  const answer = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&resolution=9`);
  const top = answer.hexagons[0];
  expect(top.rank).toBe(1);

  // Centred on the top hexagon: it sits under the middle of the window.
  await page.goto(`/?date=${system.fullDay}&resolution=9&lat=${top.lat}&lon=${top.lon}&zoom=14`);
  await waitForHexagons(page);
  const centre = project(top, top, 14);
  await page.mouse.move(centre.x, centre.y);
  const tooltip = page.getByTestId('hexagon-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toHaveAttribute('data-h3', top.h3);
  await expect(page.getByTestId('tooltip-value')).toHaveText(`${oneDecimal(top.value! * 100)} %`);
  await expect(page.getByTestId('tooltip-weight')).toHaveText(top.weight.toFixed(2));
  await expect(page.getByTestId('tooltip-rank')).toHaveText(`1 of ${answer.hexagons.length.toLocaleString('en-GB')}`);
  await expect(page.getByTestId('tooltip-stations')).toHaveText(String(top.stations));
  await expect(page.getByTestId('tooltip-coverage')).toHaveText(`${oneDecimal(top.coverage * 100)} %`);
  await attachShot(page, testInfo, 'tooltip');

  await page.mouse.click(centre.x, centre.y);
  const panel = page.getByTestId('hexagon-panel');
  await expect(panel).toContainText(top.h3);
  await expect(page).toHaveURL(new RegExp(`h3=${top.h3}`));
  await expect(panel.getByTestId('stations-table').locator('tbody tr')).toHaveCount(top.stations);
  await expect(panel.getByTestId('hourly-chart')).toBeVisible();
  await attachShot(page, testInfo, 'panel');

  await page.getByTestId('close-panel').click();
  await expect(panel).toHaveCount(0);
});

test('a still pointer keeps no figure of the previous answer: after a metric change the tooltip shows the new answer for the same hexagon', async ({ page }) => {
  const system = await demoSystem(page);
  const occupancy = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&resolution=9`);
  const bikes = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&resolution=9&metric=bikes`);
  const top = occupancy.hexagons[0];
  await page.goto(`/?date=${system.fullDay}&resolution=9&lat=${top.lat}&lon=${top.lon}&zoom=14`);
  await waitForHexagons(page);
  const centre = project(top, top, 14);
  await page.mouse.move(centre.x, centre.y);
  await expect(page.getByTestId('tooltip-rank')).toHaveText(`1 of ${occupancy.hexagons.length.toLocaleString('en-GB')}`);

  await page.getByTestId('metric-select').selectOption('bikes');
  await expect(page).toHaveURL(/metric=bikes/);
  const same = bikes.hexagons.find((h) => h.h3 === top.h3)!;
  const tooltip = page.getByTestId('hexagon-tooltip');
  await expect(tooltip).toHaveAttribute('data-h3', top.h3);
  await expect(page.getByTestId('tooltip-weight')).toHaveText(same.weight.toFixed(2));
  await expect(page.getByTestId('tooltip-rank')).toHaveText(`${same.rank.toLocaleString('en-GB')} of ${bikes.hexagons.length.toLocaleString('en-GB')}`);
  await expect(page.getByTestId('tooltip-value')).toContainText('bikes');
});

test('the URL restores the whole view after a reload', async ({ page }) => {
  const system = await demoSystem(page);
  await page.goto(`/?system=${system.id}&date=${system.fullDay}`);
  await waitForHexagons(page);
  await page.getByTestId('metric-select').selectOption('full');
  await page.getByTestId('resolution-select').selectOption('9');
  await page.getByTestId('from-select').selectOption('7');
  await page.getByTestId('to-select').selectOption('10');
  await expect(page).toHaveURL(/metric=full/);
  await expect(page).toHaveURL(/from=7&to=10/);
  await waitForHexagons(page);
  await page.mouse.move(900, 500);
  const beforeZoom = page.url();
  await page.mouse.wheel(0, -300);
  const saved = new URL(await settledUrl(page, beforeZoom)).searchParams;

  const refetch = page.waitForRequest((r) => r.url().includes('/api/hotspots'));
  await page.reload();
  const url = new URL((await refetch).url());
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ system: system.id, date: system.fullDay, from: '7', to: '10', metric: 'full', resolution: '9' });
  await waitForHexagons(page);
  await expect(page.getByTestId('metric-select')).toHaveValue('full');
  await expect(page.getByTestId('from-select')).toHaveValue('7');
  await expect(page.getByTestId('to-select')).toHaveValue('10');
  await expect(page.getByTestId('legend')).toContainText('Time full');
  const restored = new URL(page.url()).searchParams;
  for (const key of ['lat', 'lon', 'zoom']) expect(restored.get(key)).toBe(saved.get(key));
});

test('play steps through the day hour by hour', async ({ page }) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.fullDay}`);
  await waitForHexagons(page);
  await page.getByTestId('play-button').click();
  // Every hour the URL shows, watched from inside the page (a poll from outside can miss a frame).
  const hours = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const seen: number[] = [];
        const timer = setInterval(() => {
          const from = Number(new URL(location.href).searchParams.get('from'));
          if (seen[seen.length - 1] !== from) seen.push(from);
          if (seen.length === 3) {
            clearInterval(timer);
            resolve(seen);
          }
        }, 20);
      }),
  );
  expect(hours).toEqual([hours[0], hours[0] + 1, hours[0] + 2]);
  await page.getByTestId('play-button').click();
  await expect(page.getByTestId('play-button')).toHaveAttribute('aria-pressed', 'false');
});

test('the top list works from the keyboard and flies to the hotspot', async ({ page }) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.fullDay}&resolution=8`);
  await waitForHexagons(page);
  const first = page.getByTestId('top-hotspots').getByRole('button').first();
  const h3 = await first.getAttribute('data-h3');
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('hexagon-panel')).toContainText(h3 ?? 'missing');
  await expect.poll(() => Number(new URL(page.url()).searchParams.get('zoom'))).toBeGreaterThanOrEqual(12.2);
});
