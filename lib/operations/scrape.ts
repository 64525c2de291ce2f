/** One scrape of /api/metrics: every metric of the process in the Prometheus text format. */
import { registerPollMetrics } from './pollMetrics';
import { metricsRegistry } from './metricsRegistry';
import { registerRouteMetrics } from './routeMetrics';
import { registerStoredFreshness } from './storedFreshness';

export interface Scrape {
  contentType: string;
  body: string;
}

export async function scrapeMetrics(): Promise<Scrape> {
  // Listed from the first scrape on, before any poll or request created them.
  registerPollMetrics();
  registerRouteMetrics();
  registerStoredFreshness();
  const registry = metricsRegistry();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
