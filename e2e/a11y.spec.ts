/**
 * Accessibility: axe finds no serious or critical violation on the main views, on desktop and
 * phone, light and dark: the day, a period compared, the forecast, a hexagon's panel open.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '@/lib/calendar';
import { demoSystem, waitForHexagons } from './support';

/** The violations a person meets: serious and critical, each with the nodes it names. */
async function seriousViolations(page: Page): Promise<string[]> {
  // The map's canvas is a picture drawn by WebGL: axe cannot read it and has nothing to say of it.
  const results = await new AxeBuilder({ page }).exclude('canvas').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const VIEWS: { name: string; path: (s: Awaited<ReturnType<typeof demoSystem>>) => string; hexagons: boolean; open?: boolean; phone?: boolean }[] = [
  { name: 'the default view', path: () => '/', hexagons: true, phone: true },
  { name: 'a period compared with the one before', path: (s) => `/?start=${s.fullDay}&end=${s.lastDay}&baseStart=${addDays(s.firstDay, -1)}&baseEnd=${s.firstDay}`, hexagons: true },
  { name: 'a day compared with the day before', path: (s) => `/?date=${s.lastDay}&baseStart=${s.fullDay}&baseEnd=${s.fullDay}`, hexagons: true },
  { name: 'the forecast', path: () => '/?mode=forecast&hour=3', hexagons: true },
  { name: "a hexagon's panel", path: (s) => `/?date=${s.fullDay}`, hexagons: true, open: true, phone: true },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const phone of [false, true]) {
    test.describe(`${phone ? 'phone' : 'desktop'}, ${scheme}`, () => {
      test.use({ colorScheme: scheme, ...(phone ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } : { viewport: { width: 1280, height: 800 } }) });
      // On the phone, the views whose layout differs from the desktop's: the map and the panel.
      for (const view of VIEWS.filter((v) => !phone || v.phone)) {
        test(`${view.name}: no serious or critical violation`, async ({ page }) => {
          const system = await demoSystem(page);
          await page.goto(view.path(system));
          if (view.hexagons) await waitForHexagons(page);
          if (view.open) {
            const first = page.getByTestId('top-hotspots').getByRole('button').first();
            await first.scrollIntoViewIfNeeded();
            await first.click();
            await expect(page.getByTestId('stations-table')).toBeVisible();
          }
          expect(await seriousViolations(page)).toEqual([]);
        });
      }
    });
  }
}
