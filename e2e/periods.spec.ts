/** Periods on the map as a person uses them: a week, weekends only, a comparison, a hexagon's typical week. */
import { expect, test, type Page, type Response } from '@playwright/test';
import { weekOf } from '@/app/_lib/periods';
import { formatAge, formatDay, formatInstant, formatMetricWithUnit, formatPeriod, hourLabel } from '@/app/_lib/format';
import { addDays, isoWeekday } from '@/lib/calendar';
import { episodesResponseSchema } from '@/lib/episodes/schemas';
import { hotspotsResponseSchema } from '@/lib/hotspots/schemas';
import { profileResponseSchema } from '@/lib/profile/schemas';
import { attachShot, colouredShare, demoSystem, expectTopHotspots, hotspotsOf, waitForHexagons } from './support';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The demo's days (firstDay to lastDay) that fall in [start, end] on one of `weekdays`. */
function daysWithData(system: { firstDay: string; lastDay: string }, start: string, end: string, weekdays = [1, 2, 3, 4, 5, 6, 7]): number {
  let n = 0;
  for (let day = system.firstDay; day <= system.lastDay; day = addDays(day, 1)) if (day >= start && day <= end && weekdays.includes(isoWeekday(day))) n++;
  return n;
}

/** The next answer of the page from an API path, parsed as JSON. */
const answerOf = (page: Page, path: string, match: (url: URL) => boolean = () => true): Promise<Response> =>
  page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === path && match(url);
  });

test('a week, the days like its last, all the days: the URL keeps the period with the API names, the list shows the period’s sums', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.lastDay}`);
  await waitForHexagons(page);

  const week = weekOf(system.lastDay);
  const weekResponse = answerOf(page, '/api/hotspots', (url) => url.searchParams.get('start') === week.start && url.searchParams.get('end') === week.end);
  await page.getByTestId('span-select').selectOption('week');
  const weekAnswer = hotspotsResponseSchema.parse(await (await weekResponse).json());
  await waitForHexagons(page);
  await expect(page).toHaveURL(new RegExp(`start=${week.start}&end=${week.end}`));
  await expect(page.getByTestId('period-label')).toHaveText(formatPeriod(week));
  // One answer for the whole week, summed over the demo's days in it; the list shows its figures.
  expect(weekAnswer.period).toMatchObject({ start: week.start, end: week.end, days: 7, daysWithData: daysWithData(system, week.start, week.end) });
  await expectTopHotspots(page, weekAnswer);
  expect(await colouredShare(page)).toBeGreaterThan(0.1);
  await attachShot(page, testInfo, 'period-week');

  // The days like the last one (weekends if it is one, else weekdays): that answer, not the week's.
  const weekend = isoWeekday(system.lastDay) >= 6;
  const weekdays = weekend ? [6, 7] : [1, 2, 3, 4, 5];
  const keptResponse = answerOf(page, '/api/hotspots', (url) => url.searchParams.get('weekdays') === weekdays.join(','));
  await page.getByTestId('days-select').selectOption(weekend ? 'weekends' : 'weekdays');
  const kept = hotspotsResponseSchema.parse(await (await keptResponse).json());
  await expect(page).toHaveURL(new RegExp(`weekdays=${weekdays.join('%2C')}`));
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-url', new RegExp(`weekdays=${weekdays.join('%2C')}`));
  await waitForHexagons(page);
  expect(kept.period).toMatchObject({ weekdays, days: weekdays.length, daysWithData: daysWithData(system, week.start, week.end, weekdays) });
  await expectTopHotspots(page, kept);

  // A period over every day of the demo (two or three, whatever today is): the map and the list
  // show one sum over them, not the last day's figures.
  const allDays = daysWithData(system, system.firstDay, system.lastDay);
  expect(allDays).toBeGreaterThan(1);
  const rangeResponse = answerOf(page, '/api/hotspots', (url) => url.searchParams.get('start') === system.firstDay && url.searchParams.get('end') === system.lastDay);
  await page.goto(`/?start=${system.firstDay}&end=${system.lastDay}`);
  const range = hotspotsResponseSchema.parse(await (await rangeResponse).json());
  await waitForHexagons(page);
  await expect(page.getByTestId('period-label')).toHaveText(`${formatDay(system.firstDay)} – ${formatDay(system.lastDay)} (${allDays} days)`);
  expect(range.period).toMatchObject({ start: system.firstDay, end: system.lastDay, days: allDays, daysWithData: allDays });
  await expectTopHotspots(page, range);
  const lastDay = new Map((await hotspotsOf(page, `system=${system.id}&date=${system.lastDay}&resolution=${range.resolution}`)).hexagons.map((h) => [h.h3, h.value]));
  const differing = range.hexagons.filter((h) => lastDay.has(h.h3) && Math.abs(h.value! - lastDay.get(h.h3)!) > 1e-6);
  expect(differing.length).toBeGreaterThan(range.hexagons.length / 2);
});

test('compare with the previous day: a diverging legend says what more and less mean, the tooltip the change', async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  await page.goto(`/?date=${system.lastDay}`);
  await waitForHexagons(page);
  await page.getByTestId('compare-toggle').check();
  await expect(page).toHaveURL(new RegExp(`baseStart=${system.fullDay}&baseEnd=${system.fullDay}`));
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-url', new RegExp(`baseStart=${system.fullDay}`));
  await expect(page.getByTestId('legend-comparison')).toHaveText(`${formatDay(system.lastDay)} against ${formatDay(system.fullDay)}`);
  await expect(page.getByTestId('legend')).toContainText('Orange hexagons had more');
  await expect(page.getByTestId('base-label')).toHaveText(`against ${formatDay(system.fullDay)}`);
  await waitForHexagons(page);
  await expect(page.getByRole('heading', { name: 'The 10 largest changes' })).toBeVisible();
  await expect(page.getByTestId('top-hotspots').getByRole('button').first()).toContainText(/[+−]\d/);
  await attachShot(page, testInfo, 'period-compare');
});

test("a hexagon's panel shows its typical week and its longest full and empty episodes", async ({ page }, testInfo) => {
  const system = await demoSystem(page);
  await page.goto(`/?start=${system.firstDay}&end=${system.lastDay}&resolution=8`);
  await waitForHexagons(page);
  const first = page.getByTestId('top-hotspots').getByRole('button').first();
  const h3 = (await first.getAttribute('data-h3'))!;
  const forHexagon = (url: URL) => url.searchParams.get('h3') === h3;
  const [profileResponse, fullResponse, emptyResponse] = [
    answerOf(page, '/api/profile', forHexagon),
    answerOf(page, '/api/episodes', (url) => forHexagon(url) && url.searchParams.get('kind') === 'full'),
    answerOf(page, '/api/episodes', (url) => forHexagon(url) && url.searchParams.get('kind') === 'empty'),
  ];
  await first.click();
  const profile = profileResponseSchema.parse(await (await profileResponse).json());
  expect(profile).toMatchObject({ h3, start: system.firstDay, end: system.lastDay, metric: 'occupancy' });

  // The heat map: a cell per weekday and hour, each titled with the answer's figure.
  const week = page.getByTestId('typical-week');
  await expect(week).toBeVisible();
  await expect(week.locator('tbody tr')).toHaveCount(7);
  await expect(week.locator('tbody td')).toHaveCount(7 * 24);
  const titles = profile.values.flatMap((row, i) => row.map((value, hour) => `${WEEKDAY_NAMES[i]} ${hourLabel(hour)}: ${value === null ? 'not observed' : formatMetricWithUnit(value, 'occupancy')}`));
  expect(titles.filter((title) => !title.endsWith('not observed')).length).toBeGreaterThan(24);
  expect(await week.locator('tbody td').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title')))).toEqual(titles);

  // The episodes: a row per episode of the answer, its station, length and start.
  let episodes = 0;
  for (const [kind, response] of [['full', fullResponse], ['empty', emptyResponse]] as const) {
    const answer = episodesResponseSchema.parse(await (await response).json());
    const list = page.getByTestId(`episodes-${kind}`);
    await expect(list).toContainText(kind === 'full' ? 'Longest full' : 'Longest empty');
    if (answer.episodes.length === 0) await expect(list).toContainText('None in this period');
    else
      await expect(list.locator('li')).toHaveText(
        answer.episodes.map((e) => `${e.name}: ${formatAge(e.durationSeconds)}${e.ongoing ? ', still going' : ''} from ${formatInstant(e.start, system.timezone)}`),
      );
    episodes += answer.episodes.length;
  }
  // The hexagon with the most bikes parked had full docks at some point in two days.
  expect(episodes).toBeGreaterThan(0);
  // The top list and the tooltip name a hexagon by its largest station.
  await expect(page.getByTestId('top-hotspots').getByRole('button').first()).not.toContainText(/\d+ stations?$/);
  await attachShot(page, testInfo, 'period-hexagon-week');
});
