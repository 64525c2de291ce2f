/**
 * The `route` label of the request metrics: the route's template (/api/hexagons/{h3}), never the
 * path a caller sent, so that the number of series stays fixed whatever is requested. A path that
 * matches no template is "other". A new route adds its template here (routeTemplates.test.ts
 * checks that every route of app/ has one).
 */
export const ROUTE_TEMPLATES = [
  '/api/hotspots',
  '/api/hexagons/{h3}',
  '/api/stations',
  '/api/episodes',
  '/api/profile',
  '/api/forecast',
  '/api/systems',
  '/api/systems/{id}',
  '/api/catalog',
  '/api/health',
  '/api/cron/ingest',
  '/api/export',
  '/api/metrics',
  '/api/openapi.json',
  '/maplibre-gl-worker.mjs',
] as const;

export const OTHER_ROUTE = 'other';

/** `{name}` matches any one non-empty segment; every other segment only itself. */
const isParameter = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

const TEMPLATE_SEGMENTS = ROUTE_TEMPLATES.map((template) => ({ template, segments: template.split('/') }));

/** The template of a URL path (without its query string), else "other". */
export function routeTemplateOf(pathname: string): string {
  // Next answers /api/systems/ as /api/systems.
  const segments = (pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname).split('/');
  const match = TEMPLATE_SEGMENTS.find(
    (t) => t.segments.length === segments.length && t.segments.every((part, i) => (isParameter(part) ? segments[i] !== '' : part === segments[i])),
  );
  return match?.template ?? OTHER_ROUTE;
}
