/** What each answer of a route handler adds to the metrics (recorded by withApiErrors). */
import { Counter, Histogram } from 'prom-client';
import { describeError } from '@/lib/errors';
import { logEvent } from '@/lib/log';
import { metricGroup } from './metricsRegistry';
import { routeTemplateOf } from './routeTemplates';

/** The API's answers take milliseconds; the cron route polls every system, up to its 60 s limit. */
const REQUEST_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Methods outside this list (any a client may send) share one label value. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const routeMetrics = () =>
  metricGroup('routes', (registry) => ({
    duration: new Histogram({
      name: 'gbfs_hotspots_http_request_duration_seconds',
      help: 'Time a route handler took to answer, by route template and method',
      labelNames: ['route', 'method'] as const,
      buckets: REQUEST_DURATION_BUCKETS,
      registers: [registry],
    }),
    responses: new Counter({
      name: 'gbfs_hotspots_http_responses_total',
      help: 'Answers of the route handlers by route template, method and status class (2xx, 4xx, 5xx)',
      labelNames: ['route', 'method', 'status_class'] as const,
      registers: [registry],
    }),
  }));

export function registerRouteMetrics(): void {
  routeMetrics();
}

export function statusClassOf(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export function recordRequest(request: Request, status: number, seconds: number): void {
  // Counting must never fail an answer.
  try {
    const metrics = routeMetrics();
    const route = routeTemplateOf(new URL(request.url).pathname);
    const method = METHODS.has(request.method) ? request.method : 'other';
    metrics.duration.observe({ route, method }, seconds);
    metrics.responses.inc({ route, method, status_class: statusClassOf(status) });
  } catch (error) {
    logEvent('warn', 'metrics.request_not_counted', { error: describeError(error) });
  }
}
