/** Periods on the map as a person uses them: a week, weekends only, a comparison, a hexagon's typical week. */
import { expect, test } from '@playwright/test';
import { weekOf } from '@/app/_lib/periods';
import { attachShot, colouredShare, demoSystem, waitForHexagons } from './support';

test('a week, then its weekends: the URL keeps the period with the API names and the map sums it', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.lastDay}`);
  await waitForHexagons(page);

  const week = weekOf(system.lastDay);
  const weekRequest = page.waitForRequest((r) => r.url().includes('/api/hotspots') && r.url().includes(`start=${week.start}`) && r.url().includes(`end=${week.end}`));
  await page.getByTestId('span-select').selectOption('week');
  await weekRequest;
  await waitForHexagons(page);
  await expect(page).toHaveURL(new RegExp(`start=${week.start}&end=${week.end}`));
  await expect(page.getByTestId('period-label')).toHaveText(`${week.start} – ${week.end} (7 days)`);
  expect(await colouredShare(page)).toBeGreaterThan(0.1);
  await attachShot(page, testInfo, 'period-week');

  await page.getByTestId('days-select').selectOption('weekends');
  await expect(page).toHaveURL(/weekdays=6%2C7/);
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-url', /weekdays=6%2C7/);
});

test('compare with the previous day: a diverging legend says what more and less mean, the tooltip the change', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.lastDay}`);
  await waitForHexagons(page);
  await page.getByTestId('compare-toggle').check();
  await expect(page).toHaveURL(new RegExp(`baseStart=${system.fullDay}&baseEnd=${system.fullDay}`));
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-url', new RegExp(`baseStart=${system.fullDay}`));
  await expect(page.getByTestId('legend-comparison')).toHaveText(`${system.lastDay} against ${system.fullDay}`);
  await expect(page.getByTestId('legend')).toContainText('Orange hexagons had more');
  await expect(page.getByTestId('base-label')).toHaveText(`against ${system.fullDay}`);
  await waitForHexagons(page);
  await expect(page.getByRole('heading', { name: 'The 10 largest changes' })).toBeVisible();
  await expect(page.getByTestId('top-hotspots').getByRole('button').first()).toContainText(/[+−]\d/);
  await attachShot(page, testInfo, 'period-compare');
});

test("a hexagon's panel shows its typical week and its longest full and empty episodes", async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  await page.goto(`/?start=${system.firstDay}&end=${system.lastDay}&resolution=8`);
  await waitForHexagons(page);
  await page.getByTestId('top-hotspots').getByRole('button').first().click();
  const week = page.getByTestId('typical-week');
  await expect(week).toBeVisible();
  await expect(week.locator('tbody tr')).toHaveCount(7);
  await expect(week.locator('tbody td')).toHaveCount(7 * 24);
  await expect(page.getByTestId('episodes-full')).toContainText('Longest full');
  await expect(page.getByTestId('episodes-empty')).toContainText('Longest empty');
  // The top list and the tooltip name a hexagon by its largest station.
  await expect(page.getByTestId('top-hotspots').getByRole('button').first()).not.toContainText(/\d+ stations?$/);
  await attachShot(page, testInfo, 'period-hexagon-week');
});
