/**
 * "Add a city": search the catalog of public GBFS systems, add one with the admin secret, see its
 * first polls arrive; and the world view of every collected system. On an app server of its own
 * (a fresh database, a poll every 10 s), collecting a simulated Oslo, with a catalog file whose
 * Vélib' Métropole row points at a second simulator: adding it must not touch the suite's demo.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { catalogResponseSchema } from '@/lib/catalog/schemas';
import { systemsResponseSchema } from '@/lib/systems/schemas';
import { startSimulator } from '@/simulator';
import type { RunningSimulator } from '@/simulator';
import { startAppServer, type AppServer } from './appServer';
import { attachShot } from './support';

const SECRET = 'e2e-admin-secret';
const HEADER = 'Country Code,Name,Location,System ID,URL,Auto-Discovery URL,Supported Versions,Authentication Info URL,Authentication Type,Authentication Parameter Name';

// One server for the three tests, in order: the world view shows the system the first one adds.
test.describe.configure({ mode: 'serial' });

let oslo: RunningSimulator;
let paris: RunningSimulator;
let app: AppServer;
let folder: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const step = { stepSeconds: 10, host: '127.0.0.1' };
  oslo = await startSimulator({ ...step, variant: 'v2', stations: 120, center: { lat: 59.91, lon: 10.75, radiusKm: 3 }, systemId: 'oslobysykkel', name: 'Oslo Bysykkel', timezone: 'Europe/Oslo' });
  paris = await startSimulator({ ...step, stations: 300, systemId: 'Paris', name: "Vélib' Métropole" });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gbfs-e2e-catalog-'));
  const catalog = path.join(folder, 'systems.csv');
  fs.writeFileSync(
    catalog,
    [
      HEADER,
      `FR,Vélib' Métropole,Paris,Paris,https://www.velib-metropole.fr,${paris.gbfsUrl},2.3,,,`,
      `NO,Oslo Bysykkel,Oslo,oslobysykkel,https://oslobysykkel.no,${oslo.gbfsUrl},2.3,,,`,
      'DE,Keyed Bikes,Berlin,keyed,,https://keyed.example/gbfs.json,2.3,https://keyed.example/key,1,key',
      '',
    ].join('\n'),
  );
  app = await startAppServer({
    GBFS_SYSTEMS: `oslo=${oslo.gbfsUrl}`,
    GBFS_CATALOG_URL: pathToFileURL(catalog).href,
    ALLOW_PRIVATE_FEEDS: '1',
    CRON_SECRET: SECRET,
    INGEST_INTERVAL_SECONDS: '10',
  });
  // The catalog is read after a poll: wait for Oslo's first poll and that read.
  await expect
    .poll(async () => catalogResponseSchema.parse(await (await fetch(`${app.url}/api/catalog?q=velib`)).json()).total, { timeout: 60_000 })
    .toBeGreaterThan(0);
});

test.afterAll(async () => {
  await app?.stop();
  await Promise.all([oslo?.close(), paris?.close()]);
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

test('searching "velib", adding it with the admin secret and seeing its first polls arrive', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  const box = page.getByRole('combobox', { name: 'Add a city' });
  await box.click();
  await page.keyboard.type('velib');
  const listbox = page.getByRole('listbox', { name: 'Systems of the catalog' });
  const velib = listbox.getByRole('option', { name: /Vélib' Métropole/ });
  await expect(velib).toContainText('Paris, FR');
  await expect(velib).toContainText('not collected');
  await expect(page.getByTestId('catalog-credit')).toHaveText('Catalog of public GBFS systems by MobilityData (CC BY 3.0)');
  await attachShot(page, testInfo, 'catalog-search-velib');

  // Esc closes the list; the arrows open it again, Enter picks the highlighted match.
  await page.keyboard.press('Escape');
  await expect(listbox).toBeHidden();
  await page.keyboard.press('ArrowDown');
  await expect(velib).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: "Add Vélib' Métropole" });
  await expect(form).toBeVisible();

  // A wrong secret: the API's 401 sentence, and nothing kept.
  await form.getByLabel('Admin secret').fill('not-the-secret');
  await form.getByRole('button', { name: 'Add and collect' }).click();
  await expect(page.getByTestId('add-refusal')).toContainText(/secret|token|authori/i);
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);

  // The right one, sent as the bearer token and kept for the tab.
  await form.getByLabel('Admin secret').fill(SECRET);
  const [post] = await Promise.all([
    page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/systems'),
    form.getByRole('button', { name: 'Add and collect' }).click(),
  ]);
  expect(post.headers().authorization).toBe(`Bearer ${SECRET}`);
  expect(post.postDataJSON()).toMatchObject({ catalogId: 'Paris', url: paris.gbfsUrl });
  await expect.poll(() => page.evaluate(() => Object.values(sessionStorage))).toEqual([SECRET]);

  const progress = page.getByTestId('first-polls');
  await expect(progress).toContainText(/Vélib' Métropole \(300 stations\): collecting since \d\d:\d\d/);
  await expect(page.getByTestId('system-select')).toHaveValue('paris');
  await expect(page.getByTestId('status-line')).toContainText("Vélib' Métropole");
  await expect(progress).toContainText(/first poll arrived at \d\d:\d\d; first hexagons after the second poll/, { timeout: 30_000 });
  await expect(progress).toContainText(/second poll arrived at \d\d:\d\d/, { timeout: 30_000 });
  await expect.poll(async () => Number((await page.getByTestId('hotspot-map').getAttribute('data-drawn-hexagons')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
  await attachShot(page, testInfo, 'catalog-added-velib');

  // Now collected: the search says so, and the server agrees.
  await box.fill('velib');
  await expect(velib).toContainText('collected');
  const listed = systemsResponseSchema.parse(await (await fetch(`${app.url}/api/systems`)).json()).systems;
  expect(listed.map((s) => s.id)).toEqual(['oslo', 'paris']);
});

test('a system that needs a key asks for it, and a refusal of the API shows as its sentence', async ({ page }) => {
  await page.goto(app.url);
  await page.getByRole('combobox', { name: 'Add a city' }).fill('keyed');
  const keyed = page.getByRole('option', { name: /Keyed Bikes/ });
  await expect(keyed).toContainText('needs a key');
  await keyed.click();
  const form = page.getByRole('form', { name: 'Add Keyed Bikes' });
  await form.getByLabel('Feed key').fill('a-key');
  // The secret kept by the first test was in another tab: asked again here.
  await form.getByLabel('Admin secret').fill(SECRET);
  await form.getByRole('button', { name: 'Add and collect' }).click();
  // keyed.example cannot be read (a reserved name, and no network): the API's 4xx sentence names it.
  await expect(page.getByTestId('add-refusal')).toContainText('keyed.example', { timeout: 30_000 });
  await expect(form).toBeVisible();
  await form.getByLabel('Feed key').press('Escape');
  await expect(form).toBeHidden();
});

test('zoomed out, every collected system is one marker; World frames them all', async ({ page }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByTestId('system-select')).toBeVisible();
  const map = page.getByTestId('hotspot-map');
  await expect(map).toHaveAttribute('data-system-markers', '0');
  await page.getByRole('button', { name: 'World' }).click();
  await expect(map).toHaveAttribute('data-system-markers', '2');
  await attachShot(page, testInfo, 'catalog-world');
});
