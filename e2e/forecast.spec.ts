/**
 * Forecast mode as a person uses it: switch to it, move the hour slider and play, read the
 * legend's errors in words and a hexagon's chances, reload and find the same view; on a phone;
 * with enough history the colours follow the hours; with too little the map says so.
 *
 * The suite's demo holds 48 hours of polls: enough to forecast (24 h), not for a profile (7 days),
 * so its forecast is persistence. Two demos of their own give a week and a half of a smaller city
 * (a profile: the colours move with the hours) and three hours (the 409).
 */
import { expect, test, type Page } from '@playwright/test';
import { forecastMapResponseSchema, forecastResponseSchema, type ForecastMapResponse } from '@/lib/forecast/schemas';
import { backtestSentence, bikesWithInterval, clockOfHourLabel, forecastHourLabel, forecastHourLead, liveSentence, riderChances, stationsInHexagon } from '@/app/_lib/forecastView';
import { startDemoServer, type AppServer } from './appServer';
import { attachShot, changedShare, colouredShare, demoSystem, mapShot, oneDecimal, project, waitForHexagons } from './support';

/** Switches to Forecast mode and returns the answer the page received: the map's view, no station listed. */
async function switchToForecast(page: Page): Promise<ForecastMapResponse> {
  const answer = page.waitForResponse((r) => r.url().includes('/api/forecast?'));
  await page.getByTestId('mode-forecast').check();
  const response = await answer;
  expect(response.status()).toBe(200);
  expect(new URL(response.url()).searchParams.get('view')).toBe('map');
  return forecastMapResponseSchema.parse(await response.json());
}

/** The map's view of a system's forecast, as the page asks for it. */
async function mapForecast(page: Page, query: string): Promise<ForecastMapResponse> {
  const response = await page.request.get(`/api/forecast?view=map&${query}`);
  expect(response.status()).toBe(200);
  return forecastMapResponseSchema.parse(await response.json());
}

/** Hexagon `i` of the map's columns, each field its 24 hours. */
function hexagonOf({ hexagons: c }: ForecastMapResponse, i: number) {
  const hourly = (rows: number[][]) => rows.map((hour) => hour[i]);
  return { h3: c.h3[i], lat: c.lat[i], lon: c.lon[i], stations: c.stations[i], occupancy: hourly(c.occupancy), pFull: hourly(c.pFull), pEmpty: hourly(c.pEmpty) };
}
const hexagonsOf = (answer: ForecastMapResponse) => answer.hexagons.h3.map((_, i) => hexagonOf(answer, i));

/** "Thu 14:00–15:00": the whole local hour the slider stands for. */
const HOUR_LABEL = /^\w{3} \d{2}:00–\d{2}:00$/;

async function waitForForecast(page: Page): Promise<void> {
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-url', /\/api\/forecast\?/);
  await waitForHexagons(page);
}

test('Forecast mode: the slider picks the hour, the legend says how far off the model is, the URL keeps it', async ({ page }, testInfo) => {
  // A dozen steps that each wait for a drawn map (a reload and the way back among them): past the
  // default minute on a shared, loaded machine.
  test.setTimeout(120_000);
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.lastDay}&resolution=9`);
  await waitForHexagons(page);

  const answer = await switchToForecast(page);
  expect(answer.hexagons.h3.length).toBeGreaterThan(0);
  await expect(page).toHaveURL(/mode=forecast&hour=1/);
  await waitForForecast(page);
  expect(await colouredShare(page)).toBeGreaterThan(0.1);
  await expect(page.getByTestId('date-input')).toHaveCount(0);
  await expect(page.getByTestId('forecast-hour-label')).toHaveText(forecastHourLabel(answer.issuedAt, 1, answer.timezone));
  await expect(page.getByTestId('forecast-hour-label')).toHaveText(HOUR_LABEL);
  // The first hour starts within the hour after the poll, and the page says how soon.
  await expect(page.getByTestId('forecast-hour-lead')).toContainText(forecastHourLead(answer.issuedAt, 1, answer.timezone)!);
  await expect(page.getByTestId('forecast-hour-lead')).toContainText(/^starts (\d+ min|1 h) after the poll/);
  await expect(page.getByTestId('legend')).toContainText('Expected occupancy');
  await expect(page.getByTestId('legend-backtest')).toHaveText(backtestSentence(answer.backtest, 1));
  await expect(page.getByTestId('legend-backtest')).toHaveText(/^Backtest: (off by \d+\.\d bikes per station at \+1 h|not scored yet)/);
  await expect(page.getByTestId('legend-live')).toHaveText(liveSentence(answer.live, 1));
  // 48 hours of history: every station answers by persistence, and the legend says so.
  expect(answer.model.name).toBe('persistence');
  await expect(page.getByTestId('legend-model')).toContainText('bikes staying as they are now');
  await attachShot(page, testInfo, 'forecast-desktop');

  // The slider, from the keyboard and by value.
  await page.getByTestId('forecast-hour').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/hour=2/);
  await page.getByTestId('forecast-hour').fill('6');
  await expect(page).toHaveURL(/mode=forecast&hour=6/);
  await expect(page.getByTestId('forecast-hour-label')).toHaveText(forecastHourLabel(answer.issuedAt, 6, answer.timezone));
  await expect(page.getByTestId('legend-hour')).toContainText(forecastHourLabel(answer.issuedAt, 6, answer.timezone));
  await expect(page.getByTestId('forecast-hour-lead')).toContainText(forecastHourLead(answer.issuedAt, 6, answer.timezone)!);
  await expect(page.getByTestId('legend-backtest')).toHaveText(backtestSentence(answer.backtest, 6));
  await expect(page.getByTestId('legend-backtest')).not.toContainText('at +1 h');

  // Play advances an hour a second; pause stops it.
  await page.getByTestId('forecast-play').click();
  await expect(page).toHaveURL(/hour=8/, { timeout: 10_000 });
  await page.getByTestId('forecast-play').click();
  await expect(page.getByTestId('forecast-play')).toHaveAttribute('aria-pressed', 'false');
  const hour = Number(await page.getByTestId('forecast-hour').inputValue());
  await expect(page).toHaveURL(new RegExp(`hour=${hour}(&|$)`));

  // A reload opens the same mode and hour.
  const refetch = page.waitForRequest((r) => r.url().includes('/api/forecast?'));
  await page.reload();
  expect(new URL((await refetch).url()).searchParams.get('resolution')).toBe('9');
  await waitForForecast(page);
  await expect(page.getByTestId('mode-forecast')).toBeChecked();
  await expect(page.getByTestId('forecast-hour')).toHaveValue(String(hour));
  await expect(page.getByTestId('forecast-hour-label')).toHaveText(HOUR_LABEL);

  // Back to the history: the day view as it was.
  await page.getByTestId('mode-history').check();
  await waitForHexagons(page);
  await expect(page.getByTestId('date-input')).toHaveValue(system.lastDay);
  await expect(page).not.toHaveURL(/mode=forecast/);
});

test("hovering a hexagon in Forecast mode gives its expected occupancy and its stations' chances of being full or empty", async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  const answer = await mapForecast(page, `system=${system.id}&resolution=9`);
  const hour = 3;
  const top = hexagonsOf(answer).sort((a, b) => b.occupancy[hour - 1] - a.occupancy[hour - 1])[0];

  await page.goto(`/?mode=forecast&hour=${hour}&resolution=9&lat=${top.lat}&lon=${top.lon}&zoom=14`);
  await waitForForecast(page);
  const centre = project(top, top, 14);
  await page.mouse.move(centre.x, centre.y);
  const tooltip = page.getByTestId('hexagon-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toHaveAttribute('data-h3', top.h3);
  await expect(page.getByTestId('tooltip-occupancy')).toHaveText(`${oneDecimal(top.occupancy[hour - 1] * 100)} %`);
  await expect(page.getByTestId('tooltip-full')).toHaveText(`${oneDecimal(top.pFull[hour - 1] * 100)} %`);
  await expect(page.getByTestId('tooltip-empty')).toHaveText(`${oneDecimal(top.pEmpty[hour - 1] * 100)} %`);
  await expect(page.getByTestId('tooltip-stations')).toHaveText(String(top.stations));
  await expect(page.getByTestId('tooltip-bikes')).toHaveText(/^\d+\.\d$/);
  await expect(tooltip).toContainText(forecastHourLabel(answer.issuedAt, hour, answer.timezone));
  // The rider's words: a bike and a free dock, the complements of the hexagon's chances, at the hour's clock time.
  const clock = clockOfHourLabel(forecastHourLabel(answer.issuedAt, hour, answer.timezone));
  await expect(page.getByTestId('tooltip-rider')).toHaveText(riderChances(top.pEmpty[hour - 1], top.pFull[hour - 1], clock));
  await attachShot(page, testInfo, 'forecast-tooltip');

  // A click opens its stations at that hour, asked for that hexagon alone.
  const cell = await page.request.get(`/api/forecast?system=${system.id}&resolution=9&h3=${top.h3}`);
  const { stations } = forecastResponseSchema.parse(await cell.json());
  const asked = page.waitForRequest((r) => r.url().includes('/api/forecast?') && new URL(r.url()).searchParams.get('h3') === top.h3);
  await page.mouse.click(centre.x, centre.y);
  await asked;
  const panel = page.getByTestId('hexagon-panel');
  await expect(panel).toContainText(top.h3);
  await expect(panel.getByTestId('stations-table').locator('tbody tr')).toHaveCount(top.stations);
  // Each station in a rider's words: its bikes with the 80 % interval, its chances of a bike and a free dock.
  const inside = stationsInHexagon(stations, top.h3, hour);
  const texts = await panel.getByTestId('forecast-station-bikes').allTextContents();
  expect(texts.sort()).toEqual(inside.map((s) => bikesWithInterval(s.bikes[hour - 1], s.bikesLow[hour - 1], s.bikesHigh[hour - 1])).sort());
  const chances = await panel.getByTestId('forecast-station-chances').allTextContents();
  expect(chances.sort()).toEqual(inside.map((s) => riderChances(s.pEmpty[hour - 1], s.pFull[hour - 1], clock)).sort());
  await expect(page.getByTestId('forecast-panel-summary')).toContainText(`expected occupancy ${oneDecimal(top.occupancy[hour - 1] * 100)} %`);
  await attachShot(page, testInfo, 'forecast-panel');
});

test('Forecast mode on a phone: hexagons, the slider and the legend within reach', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?mode=forecast&hour=3');
  await waitForForecast(page);
  expect(await colouredShare(page, { x: 0, y: 90, width: 390, height: 440 })).toBeGreaterThan(0.05);
  await expect(page.getByTestId('forecast-hour')).toBeInViewport();
  await expect(page.getByTestId('forecast-hour-label')).toHaveText(HOUR_LABEL);
  await attachShot(page, testInfo, 'forecast-phone');
  await page.getByTestId('legend-backtest').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('legend-backtest')).toBeInViewport();
  await attachShot(page, testInfo, 'forecast-phone-legend');
});

/** A demo server of the describe block's own, for its tests (the suite's stays as it is). */
function ownDemo(options: Parameters<typeof startDemoServer>[0]): () => AppServer {
  let demo: AppServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout((options.timeoutMs ?? 240_000) + 20_000);
    demo = await startDemoServer(options);
  });
  test.afterAll(async () => demo?.stop());
  return () => {
    if (!demo) throw new Error('the demo server did not start');
    return demo;
  };
}

test.describe('eight days of history', () => {
  // Eight days, a poll an hour: over the week a profile needs, 192 polls to backfill.
  const demo = ownDemo({ hours: 192, step: 3600, stations: 150, timeoutMs: 480_000 });

  test('a profile forecasts: the colours and the figures follow the hours', async ({ page }, testInfo) => {
    // The hexagon whose expected occupancy moves most from +1 h to +12 h (this demo does not poll:
    // the page reads this same stored forecast), the map centred on it.
    const answer = forecastMapResponseSchema.parse(await (await page.request.get(`${demo().url}/api/forecast?view=map&resolution=8`)).json());
    const moves = (h: ReturnType<typeof hexagonOf>) => Math.abs(h.occupancy[11] - h.occupancy[0]);
    const moving = hexagonsOf(answer).sort((a, b) => moves(b) - moves(a))[0];
    expect(moves(moving), 'a hexagon whose occupancy moves with the hours').toBeGreaterThan(0.1);
    await page.goto(`${demo().url}/?mode=forecast&hour=1&resolution=8&lat=${moving.lat}&lon=${moving.lon}&zoom=13`);
    await waitForForecast(page);
    await expect(page.getByTestId('legend-model')).toContainText('over the weeks there are (fewer than three');
    expect(await colouredShare(page)).toBeGreaterThan(0.05);
    const centre = project(moving, moving, 13);
    const spot = { x: centre.x - 6, y: centre.y - 6, width: 12, height: 12 };
    const [early, earlySpot] = [await mapShot(page), await page.screenshot({ clip: spot })];
    await attachShot(page, testInfo, 'forecast-profile-1h');
    await page.mouse.move(centre.x, centre.y);
    await expect(page.getByTestId('hexagon-tooltip')).toHaveAttribute('data-h3', moving.h3);
    await expect(page.getByTestId('tooltip-occupancy')).toHaveText(`${oneDecimal(moving.occupancy[0] * 100)} %`);
    await expect(page.getByTestId('legend-backtest')).toHaveText(backtestSentence(answer.backtest, 1));
    // Off the map, onto the legend (a corner of the page may hold a hexagon: the map fills the page).
    const legend = (await page.getByTestId('legend').boundingBox())!;
    await page.mouse.move(legend.x + legend.width / 2, legend.y + legend.height / 2);
    await expect(page.getByTestId('hexagon-tooltip')).toHaveCount(0);

    await page.getByTestId('forecast-hour').fill('12');
    await expect(page.getByTestId('forecast-hour-label')).toHaveText(forecastHourLabel(answer.issuedAt, 12, answer.timezone));
    await waitForHexagons(page);
    // The map's colours moved, that hexagon's among them; its figure is the forecast's for the twelfth hour.
    expect(await changedShare(page, early, await mapShot(page))).toBeGreaterThan(0.02);
    expect(await changedShare(page, earlySpot, await page.screenshot({ clip: spot }))).toBeGreaterThan(0.5);
    await page.mouse.move(centre.x, centre.y);
    await expect(page.getByTestId('hexagon-tooltip')).toHaveAttribute('data-h3', moving.h3);
    await expect(page.getByTestId('tooltip-occupancy')).toHaveText(`${oneDecimal(moving.occupancy[11] * 100)} %`);
    await expect(page.getByTestId('legend-backtest')).toHaveText(backtestSentence(answer.backtest, 12));
    await expect(page.getByTestId('legend-live')).toHaveText(liveSentence(answer.live, 12));
    await attachShot(page, testInfo, 'forecast-profile-12h');
  });
});

test.describe('three hours of history', () => {
  const demo = ownDemo({ hours: 3, step: 600, stations: 60, timeoutMs: 170_000 });

  test('too little history to forecast: the map says how much there is and how much is needed', async ({ page }, testInfo) => {
    await page.goto(`${demo().url}/?mode=forecast`);
    const notice = page.getByTestId('notice-empty');
    await expect(notice).toContainText(/^Not enough history to forecast yet: \d h of polls, 24 h needed\./);
    await expect(page.getByTestId('legend')).toHaveCount(0);
    await attachShot(page, testInfo, 'forecast-not-enough-history');
    await notice.getByRole('button', { name: 'Show the history' }).click();
    await waitForHexagons(page);
    await expect(page.getByTestId('mode-history')).toBeChecked();
  });
});
