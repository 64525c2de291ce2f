/**
 * What the first hexagons wait for: the page's head names the first hotspots answer and the map's
 * code, so the browser fetches them while it parses the page, not after the page's code has run;
 * the basemap comes after them.
 */
import { expect, test } from '@playwright/test';
import { waitForHexagons } from './support';

for (const viewport of [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`the first answer and the map's code are fetched from the page's head, once, and the basemap follows the hexagons (${viewport.name})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.route('https://**', (route) => route.abort('internetdisconnected'));
    const hotspotsRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/hotspots')) hotspotsRequests.push(request.url());
    });
    // When MapLibre's map element first appears.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.querySelector('.maplibregl-map')) return;
        performance.mark('test:basemap-mounted');
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto('/');
    await waitForHexagons(page);
    await expect(page.locator('.maplibregl-map')).toHaveCount(1);

    const timing = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({ url: e.name, start: e.startTime, initiator: e.initiatorType }));
      return {
        parsed: navigation.domInteractive,
        firstHexagons: performance.getEntriesByName('hotspots:first-hexagons')[0].startTime,
        basemapMounted: performance.getEntriesByName('test:basemap-mounted')[0].startTime,
        resources,
      };
    });
    // One request for the first answer: the page's own fetch took the preloaded one (same URL,
    // same credentials mode), whatever the screen's framing made of the resolution.
    expect(hotspotsRequests).toHaveLength(1);
    const answer = timing.resources.find((r) => r.url.includes('/api/hotspots'));
    expect(answer?.initiator).toBe('link');
    // Everything the first hexagons needed left before the page was parsed: its scripts, the
    // map's chunks among them, and the answer.
    const needed = timing.resources.filter((r) => r.start < timing.firstHexagons && (r.url.includes('/_next/static/chunks/') || r.url.includes('/api/hotspots')));
    expect(needed.length).toBeGreaterThan(5);
    for (const resource of needed) expect(resource.start, resource.url).toBeLessThanOrEqual(timing.parsed);
    // The basemap (MapLibre, a second WebGL context) starts once the hexagons are drawn, not before.
    expect(timing.basemapMounted).toBeGreaterThan(timing.firstHexagons);
    await context.close();
  });
}
