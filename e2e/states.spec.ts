/** What the page says when things go wrong or there is nothing to show, and what it sends. */
import { expect, test } from '@playwright/test';
import { formatDay } from '@/app/_lib/format';
import { attachShot, colouredShare, demoSystem, waitForHexagons, watchCspViolations } from './support';

const BASEMAP_STYLE = 'https://basemaps.cartocdn.com/gl/positron-gl-style/style.json';

test('an API failure shows what went wrong, and "Try again" recovers', async ({ page }, testInfo) => {
  let failing = true;
  await page.route('**/api/hotspots?**', (route) =>
    failing
      ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'the database is not reachable' } }) })
      : route.continue(),
  );
  await page.goto('/');
  const notice = page.getByTestId('notice-error');
  await expect(notice).toContainText('Could not load the hotspots');
  await expect(notice).toContainText('the database is not reachable (HTTP 503)');
  await attachShot(page, testInfo, 'api-error');

  failing = false;
  await notice.getByRole('button', { name: 'Try again' }).click();
  await waitForHexagons(page);
  await expect(notice).toHaveCount(0);
});

test('a day without data says so and offers the days that have data', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  await page.goto('/?date=2020-01-01');
  const notice = page.getByTestId('notice-empty');
  await expect(notice).toContainText(`No data for Wed 1 Jan 2020; data from ${formatDay(system.firstDay)} to ${formatDay(system.lastDay)}.`);
  await attachShot(page, testInfo, 'empty-day');
  await notice.getByRole('button', { name: `Show ${formatDay(system.lastDay)}` }).click();
  await waitForHexagons(page);
  await expect(page).toHaveURL(new RegExp(`date=${system.lastDay}`));
});

test('an unknown system in the URL is named, with a way back', async ({ page }) => {
  await page.goto('/?system=atlantis');
  const notice = page.getByTestId('notice-error');
  await expect(notice).toContainText('There is no system "atlantis" here. Known systems: velib.');
  await notice.getByRole('button').click();
  await waitForHexagons(page);
});

test("a newest poll older than the server's stale threshold is flagged, a younger one is not", async ({ page }) => {
  const ageMinutes = 20;
  let staleAfterSeconds = 15 * 60;
  await page.route('**/api/systems', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { systems: { lastPoll: string | null; staleAfterSeconds: number }[] };
    for (const system of body.systems) {
      system.lastPoll = new Date(Date.now() - ageMinutes * 60_000).toISOString();
      system.staleAfterSeconds = staleAfterSeconds;
    }
    await route.fulfill({ response, json: body });
  });
  await page.goto('/');
  await expect(page.getByTestId('stale-warning')).toContainText(`stale: no new data for ${ageMinutes} min`);

  staleAfterSeconds = 60 * 60; // the same age, on a server configured to wait an hour
  await page.reload();
  await expect(page.getByTestId('last-poll')).toContainText(`(${ageMinutes} min ago)`);
  await expect(page.getByTestId('stale-warning')).toHaveCount(0);
});

test('offline basemap: the plain fallback style shows and the hexagons still draw', async ({ page }, testInfo) => {
  await page.route('https://basemaps.cartocdn.com/**', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await waitForHexagons(page);
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-basemap', 'fallback');
  await expect(page.getByTestId('basemap-fallback')).toContainText('The basemap could not be loaded (offline?)');
  await attachShot(page, testInfo, 'offline-basemap');
  expect(await colouredShare(page)).toBeGreaterThan(0.15);
});

test("the basemap loads its sources through MapLibre's worker", async ({ page }, testInfo) => {
  // A style with one GeoJSON source: only a running worker turns it into pixels.
  const style = {
    version: 8,
    sources: { land: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[-10, 40], [15, 40], [15, 55], [-10, 55], [-10, 40]]] } } } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#ffffff' } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#ff0000' } },
    ],
  };
  await page.route(BASEMAP_STYLE, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(style) }));
  await page.route('**/api/hotspots?**', (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'kept off for this test' } }) }),
  );
  await page.goto('/');
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-basemap', 'loaded');
  await page.waitForTimeout(500);
  await attachShot(page, testInfo, 'basemap-from-worker');
  // No hexagons are drawn here (their API is kept failing), so strong colour is the red land.
  expect(await colouredShare(page)).toBeGreaterThan(0.5);
});

test('pages and API routes send the security headers and the map runs within the CSP', async ({ page }) => {
  const violations = await watchCspViolations(page);
  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  await waitForHexagons(page);
  expect(await violations()).toEqual([]);

  for (const path of ['/api/systems', '/api/hotspots?date=2020-01-01', '/api/health', '/api/openapi.json', '/maplibre-gl-worker.mjs']) {
    const api = await page.request.get(path);
    expect(api.headers()['x-content-type-options'], path).toBe('nosniff');
    expect(api.headers()['content-security-policy'], path).toContain("default-src 'self'");
  }
});
