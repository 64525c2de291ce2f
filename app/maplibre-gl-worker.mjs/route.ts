/**
 * MapLibre's web worker, served from the app's own origin. maplibre-gl 6 cannot find its worker
 * once bundled by Next ("Worker failed to load": no tile or GeoJSON source ever loads), so the map
 * points `workerUrl` here. Read from the installed package at build time: always its version.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { withApiErrors } from '@/lib/api/withApiErrors';

export const dynamic = 'force-static';

const WORKER = path.join(process.cwd(), 'node_modules', 'maplibre-gl', 'dist', 'maplibre-gl-worker.mjs');

export const GET = withApiErrors(async (): Promise<Response> => {
  return new Response(await readFile(WORKER), {
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' },
  });
});
