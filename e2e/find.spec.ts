/**
 * Finding and taking away: the station search (fuzzy, accents ignored) flies to a station and
 * opens its hexagon; close in, stations are dots with their own tooltip; the view's answer
 * downloads as CSV, GeoJSON and Parquet; and the view's link goes to the clipboard.
 */
import { expect, test, type Page } from '@playwright/test';
import { latLngToCell } from 'h3-js';
import { stationsResponseSchema, type StationDto } from '@/lib/stations/schemas';
import { foldText } from '@/lib/catalog/search';
import { attachShot, demoSystem, hotspotsOf, oneDecimal, project, waitForHexagons } from './support';

async function stationsOf(page: Page, system: string): Promise<StationDto[]> {
  const response = await page.request.get(`/api/stations?system=${system}`);
  expect(response.status()).toBe(200);
  return stationsResponseSchema.parse(await response.json()).stations;
}

const MAP_CENTRE = { x: 700, y: 450 };

// A flight, a close answer at resolution 10 and the hexagon's panel: more than one answer each.
test.describe.configure({ timeout: 120_000 });

/** The answer drawn, allowing a first resolution-10 answer of 1,500 stations its time. */
async function waitForCloseHexagons(page: Page): Promise<void> {
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-loading', 'false', { timeout: 45_000 });
  // A software renderer on a busy machine takes its time over a first frame of 1,368 hexagons.
  await expect.poll(async () => Number((await page.getByTestId('hotspot-map').getAttribute('data-drawn-hexagons')) ?? 0), { timeout: 45_000 }).toBeGreaterThan(0);
  await waitForHexagons(page);
}

test('typing a station name without its accents finds it; Enter flies there and opens its hexagon', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  const stations = await stationsOf(page, system.id);
  // A station whose name has an accent and at least two words, typed folded, lower case, one letter short.
  const station = stations.find((s) => foldText(s.name) !== s.name.toLowerCase() && /\p{L}{6,}/u.test(foldText(s.name)) && s.name.split(/\s+/).length >= 2);
  if (!station) throw new Error('the demo has no station with an accented name');
  const folded = foldText(station.name);
  const longWord = folded.match(/\p{L}{6,}/u)![0];
  // One letter dropped from its longest word: the search forgives a typo from five letters on.
  const typed = folded.replace(longWord, longWord.slice(0, 2) + longWord.slice(3));
  expect(typed).not.toBe(station.name);

  const stationRequests: string[] = [];
  page.on('request', (request) => void (request.url().includes('/api/stations') && stationRequests.push(request.url())));
  await page.goto(`/?date=${system.fullDay}`);
  await waitForHexagons(page);
  // The stations are not part of the page's first answer: asked for once the search is used.
  expect(stationRequests).toEqual([]);
  const box = page.getByRole('combobox', { name: 'Find a station' });
  await box.fill(typed);
  const options = page.getByRole('listbox', { name: 'Matching stations' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  const names = await options.locator('.catalog-search__name').allTextContents();
  const at = names.indexOf(station.name);
  expect(at, `"${typed}" should find "${station.name}" among ${JSON.stringify(names)}`).toBeGreaterThanOrEqual(0);
  // The keyboard alone: down to it, Enter.
  for (let i = 0; i < at; i++) await box.press('ArrowDown');
  await expect(options.nth(at)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.nth(at).getAttribute('id'))!);
  await box.press('Enter');

  // Flown there, close enough for the stations' dots, its resolution-10 hexagon open with it listed.
  const cell = latLngToCell(station.lat, station.lon, 10);
  await expect(page).toHaveURL(new RegExp(`h3=${cell}`));
  await expect.poll(() => Number(new URL(page.url()).searchParams.get('zoom'))).toBeGreaterThanOrEqual(16);
  await expect.poll(() => Math.abs(Number(new URL(page.url()).searchParams.get('lat')) - station.lat)).toBeLessThan(0.0005);
  await expect.poll(() => Math.abs(Number(new URL(page.url()).searchParams.get('lon')) - station.lon)).toBeLessThan(0.0005);
  const panel = page.getByTestId('hexagon-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('stations-table')).toContainText(station.name, { timeout: 30_000 });
  await attachShot(page, testInfo, 'station-found');

  // Esc closes the list first (the panel stays), then clears the box.
  await box.fill('gare');
  await expect(options.first()).toBeVisible();
  await box.press('Escape');
  await expect(page.getByRole('listbox', { name: 'Matching stations' })).toHaveCount(0);
  await expect(panel).toBeVisible();
  await box.press('Escape');
  await expect(box).toHaveValue('');
});

// Next's router keeps its own copy of the address and writes it back whenever it commits; on a
// slow page its commit of the hexagon's new entry came after the camera's landing was written, and
// put back the camera of before the flight. Six times slower, two flights, neither may lose it.
test('on a slow page, the camera a found station is flown to stays in the address', async ({ page }) => {
  const system = await demoSystem(page);
  const stations = await stationsOf(page, system.id);
  const named = (s: StationDto) => s.name.length >= 8 && stations.filter((o) => foldText(o.name) === foldText(s.name)).length === 1;
  const first = stations.find(named)!;
  const second = stations.find((s) => named(s) && Math.abs(s.lat - first.lat) + Math.abs(s.lon - first.lon) > 0.03)!;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.goto(`/?date=${system.fullDay}`);
  await waitForHexagons(page);
  const box = page.getByRole('combobox', { name: 'Find a station' });
  const camera = () => {
    const params = new URL(page.url()).searchParams;
    return { lat: Number(params.get('lat')), lon: Number(params.get('lon')), zoom: Number(params.get('zoom')) };
  };
  for (const station of [first, second]) {
    await box.fill(station.name);
    const option = page.getByRole('listbox', { name: 'Matching stations' }).getByRole('option').filter({ hasText: station.name }).first();
    await expect(option).toBeVisible({ timeout: 30_000 });
    await option.click();
    await expect(page).toHaveURL(new RegExp(`h3=${latLngToCell(station.lat, station.lon, 10)}`), { timeout: 30_000 });
    const landed = () => Math.abs(camera().lat - station.lat) < 0.0005 && Math.abs(camera().lon - station.lon) < 0.0005 && camera().zoom >= 16;
    await expect.poll(landed, { timeout: 30_000 }).toBe(true);
    // A later commit of the router must not take it back.
    await page.waitForTimeout(3_000);
    expect(landed(), `the address went back to ${JSON.stringify(camera())} after landing on ${station.name}`).toBe(true);
  }
});

test('past zoom 16 the stations are dots coloured by the view; hovering one names it with its value', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  const stations = await stationsOf(page, system.id);
  const answer = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&resolution=10`);
  const byCell = new Map(answer.hexagons.map((h) => [h.h3, h]));
  const station = stations.find((s) => byCell.get(latLngToCell(s.lat, s.lon, 10))?.stations === 1);
  if (!station) throw new Error('no station alone in its cell');
  const hexagon = byCell.get(latLngToCell(station.lat, station.lon, 10))!;

  // Short of the threshold: hexagons only.
  await page.goto(`/?date=${system.fullDay}&lat=${station.lat}&lon=${station.lon}&zoom=15`);
  await waitForCloseHexagons(page);
  await expect(page.getByTestId('hotspot-map')).toHaveAttribute('data-station-dots', '0');

  await page.goto(`/?date=${system.fullDay}&lat=${station.lat}&lon=${station.lon}&zoom=16.5`);
  await waitForCloseHexagons(page);
  await expect.poll(async () => Number(await page.getByTestId('hotspot-map').getAttribute('data-station-dots'))).toBeGreaterThan(0);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await attachShot(page, testInfo, 'station-dots');

  const centre = project(station, station, 16.5);
  expect(centre).toEqual(MAP_CENTRE);
  await page.mouse.move(centre.x + 1, centre.y + 1);
  const tooltip = page.getByTestId('station-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toHaveAttribute('data-station', station.id);
  await expect(page.getByTestId('station-tooltip-name')).toHaveText(station.name);
  await expect(page.getByTestId('station-tooltip-value')).toHaveText(`${oneDecimal(hexagon.value! * 100)} %`);
  await expect(page.getByTestId('hexagon-tooltip')).toHaveCount(0);

  // Clicking the dot opens its hexagon.
  await page.mouse.click(centre.x + 1, centre.y + 1);
  await expect(page).toHaveURL(new RegExp(`h3=${latLngToCell(station.lat, station.lon, 10)}`));
  await expect(page.getByTestId('stations-table')).toContainText(station.name);
});

test('the view downloads as CSV, GeoJSON and Parquet: the same question, the right types', async ({ page }) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.fullDay}&metric=bikes&resolution=9&from=7&to=10`);
  await waitForHexagons(page);
  const shown = await hotspotsOf(page, `system=${system.id}&date=${system.fullDay}&metric=bikes&resolution=9&from=7&to=10`);

  const expected: Record<string, RegExp> = { csv: /^text\/csv/, geojson: /^application\/geo\+json/, parquet: /^application\/vnd\.apache\.parquet/ };
  for (const [format, contentType] of Object.entries(expected)) {
    const link = page.getByTestId(`download-${format}`);
    await expect(link).toBeVisible();
    const href = await link.getAttribute('href');
    const url = new URL(href!, page.url());
    expect(url.pathname).toBe('/api/hotspots');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ system: system.id, date: system.fullDay, metric: 'bikes', resolution: '9', from: '7', to: '10', format });
    expect(await link.getAttribute('download')).not.toBeNull();
    const response = await page.request.get(url.toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(contentType);
    const body = await response.body();
    if (format === 'csv') expect(body.toString('utf8').trim().split('\n')).toHaveLength(shown.hexagons.length + 1);
    if (format === 'geojson') expect(JSON.parse(body.toString('utf8')).features).toHaveLength(shown.hexagons.length);
    if (format === 'parquet') expect([body.subarray(0, 4).toString(), body.subarray(-4).toString()]).toEqual(['PAR1', 'PAR1']);
  }

  // The links follow the view: another metric, other links.
  await page.getByLabel('Metric').selectOption('empty');
  await expect(page.getByTestId('download-csv')).toHaveAttribute('href', /metric=empty/);
});

test('Copy link puts the view\'s address in the clipboard and says so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.fullDay}&metric=full`);
  await waitForHexagons(page);
  await expect(page.getByTestId('copy-status')).toHaveText('');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByTestId('copy-status')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  expect(new URL(copied).searchParams.get('metric')).toBe('full');
  expect(new URL(copied).searchParams.get('date')).toBe(system.fullDay);
});
