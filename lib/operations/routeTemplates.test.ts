import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OTHER_ROUTE, ROUTE_TEMPLATES, routeTemplateOf } from './routeTemplates';

/** Every route handler of app/, as its template: app/api/hexagons/[h3]/route.ts is /api/hexagons/{h3}. */
function appRouteTemplates(folder = path.join(process.cwd(), 'app')): string[] {
  const templates: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) templates.push(...appRouteTemplates(full));
    // A catch-all ([[...unknown]]) answers the paths no route serves: they stay "other".
    else if (/^route\.(ts|tsx|js)$/.test(entry.name) && !folder.includes('[[...') && !folder.includes('[...')) {
      const segments = path
        .relative(path.join(process.cwd(), 'app'), folder)
        .split(path.sep)
        .filter((segment) => !/^\(.*\)$/.test(segment)) // route groups are not in the URL
        .map((segment) => segment.replace(/^\[(.+)\]$/, '{$1}'));
      templates.push(`/${segments.join('/')}`);
    }
  }
  return templates;
}

describe('the route label of the request metrics', () => {
  it('is the template of the route, whatever the parameters', () => {
    expect(routeTemplateOf('/api/hotspots')).toBe('/api/hotspots');
    expect(routeTemplateOf('/api/hexagons/8a1fb466249ffff')).toBe('/api/hexagons/{h3}');
    expect(routeTemplateOf('/api/hexagons/anything-at-all')).toBe('/api/hexagons/{h3}');
    expect(routeTemplateOf('/api/systems')).toBe('/api/systems');
    expect(routeTemplateOf('/api/systems/')).toBe('/api/systems');
    expect(routeTemplateOf('/api/systems/velib')).toBe('/api/systems/{id}');
    expect(routeTemplateOf('/api/cron/ingest')).toBe('/api/cron/ingest');
    expect(routeTemplateOf('/api/metrics')).toBe('/api/metrics');
    expect(routeTemplateOf('/api/openapi.json')).toBe('/api/openapi.json');
  });

  it('is "other" for any path that matches no route, so that callers cannot add series', () => {
    for (const pathname of ['/', '/api', '/api/hexagons', '/api/hexagons/', '/api/hexagons/a/b', '/api/hotspots/x', '/wp-login.php', '/api/HOTSPOTS', '/api/systems//x', '/%2e%2e/etc/passwd']) {
      expect(routeTemplateOf(pathname), pathname).toBe(OTHER_ROUTE);
    }
  });

  it('has a template for every route handler of app/', () => {
    const missing = appRouteTemplates().filter((template) => !(ROUTE_TEMPLATES as readonly string[]).includes(template));
    expect(missing, 'add these to ROUTE_TEMPLATES in lib/operations/routeTemplates.ts').toEqual([]);
  });
});
