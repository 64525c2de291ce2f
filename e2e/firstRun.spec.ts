/**
 * A first run as a newcomer meets it: the page says that polls fail, why, that they are retried,
 * and that `npm run demo` exists; when the feed comes back, the hexagons draw without a reload.
 * The same for a feed that answers HTML, and for one that answers but is stale, then fails.
 */
import http from 'node:http';
import type net from 'node:net';
import { expect, test } from '@playwright/test';
import { startSimulator, type RunningSimulator } from '@/simulator';
import { freePort } from '../test/support/freePort';
import { startAppServer, type AppServer } from './appServer';
import { attachShot, waitForHexagons } from './support';

const STALE_DAY_START = Date.UTC(2025, 5, 3, 5) / 1000;

let app: AppServer;
let feedPort: number;
let comeback: RunningSimulator | undefined;
let stale: RunningSimulator;
let portal: http.Server;

test.beforeAll(async () => {
  feedPort = await freePort();
  stale = await startSimulator({ variant: 'v2', stations: 60, seed: 8, startTime: STALE_DAY_START, stepSeconds: 600 });
  portal = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Wi-Fi login</title>'));
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  const portalUrl = `http://127.0.0.1:${(portal.address() as net.AddressInfo).port}/gbfs.json`;
  app = await startAppServer({
    GBFS_SYSTEMS: `offline=http://127.0.0.1:${feedPort}/gbfs.json,portal=${portalUrl},old=${stale.gbfsUrl}`,
    INGEST_INTERVAL_SECONDS: '2',
    FETCH_RETRIES: '0',
  });
});

test.afterAll(async () => {
  await app?.stop();
  await comeback?.close();
  await stale?.close();
  await new Promise((resolve) => portal?.close(resolve));
});

test('polls that fail say so, why, and how to see the app anyway; the feed back, hexagons draw without a reload', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(`${app.url}/?system=offline`);
  const notice = page.getByTestId('notice-error');
  await expect(notice).toContainText('No data collected for offline yet: the last attempt');
  await expect(notice).toContainText(`127.0.0.1:${feedPort} refused the connection (is the feed's server running?); retrying every 2 s.`);
  await expect(page.getByTestId('notice-hint')).toHaveText('No internet, or just trying the app? npm run demo serves it on simulated data, offline.');
  await expect(page.getByTestId('poll-failing')).toContainText('refused the connection');
  await expect(page.getByTestId('last-poll')).toHaveText('no poll stored yet');
  // The other systems stay one choice away, each with its freshness, while this one has no data.
  await expect(page.getByTestId('system-select').locator('option')).toHaveText([
    'offline · polls failing, no data yet',
    'portal · polls failing, no data yet',
    /^.+ · stale, data \d+ d \d+ h old$/,
  ]);
  await attachShot(page, testInfo, 'first-run-failing');

  // The feed comes up where the app was told it is.
  const now = Math.floor(Date.now() / 1000);
  comeback = await startSimulator({ variant: 'velib', stations: 200, seed: 3, port: feedPort, startTime: now - 3 * 3600, stepSeconds: 600, realTimeCap: true });
  // Two polls (2 s apart) make the first hexagons; the page asks every 5 s while it waits.
  await expect(notice).toHaveCount(0, { timeout: 30_000 });
  await waitForHexagons(page);
  await expect(page.getByTestId('poll-failing')).toHaveCount(0);
  await expect(page.getByTestId('last-poll')).toContainText('last poll');
  await attachShot(page, testInfo, 'first-run-recovered');
});

test('a feed that answers HTML is "not GBFS", said with what came instead', async ({ page }, testInfo) => {
  await page.goto(`${app.url}/?system=portal`);
  const notice = page.getByTestId('notice-error');
  await expect(notice).toContainText('No data collected for portal yet');
  await expect(notice).toContainText('failed: not GBFS: gbfs: got HTML/XML, expected JSON');
  await expect(page.getByTestId('notice-hint')).toContainText('npm run demo');
  await attachShot(page, testInfo, 'first-run-html');
});

test('a stale feed says how old its data is; polls failing after a success say so too, with the age of the data', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(`${app.url}/?system=old`);
  await waitForHexagons(page);
  await expect(page.getByTestId('stale-warning')).toContainText(/stale: no new data for \d+ d \d+ h/);
  await expect(page.getByTestId('poll-failing')).toHaveCount(0);

  stale.setFault({ feed: 'station_status', kind: 'http500', times: 1_000 });
  // A system whose polls succeed is asked about every 30 s.
  await expect(page.getByTestId('poll-failing')).toContainText(`failed: HTTP 500 from ${new URL(stale.url).host}; retrying every 2 s`, { timeout: 45_000 });
  await expect(page.getByTestId('stale-warning')).toBeVisible();
  await expect(page.getByTestId('last-poll')).toContainText(/ago\)/);
  await attachShot(page, testInfo, 'first-run-stale-failing');
});
