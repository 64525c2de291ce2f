/**
 * Measures rendering of one station_status per dialect (no HTTP):
 *   npx tsx simulator/benchRender.ts [stations=1500] [iterations=50]
 */
import { buildCity } from './city';
import { RENDERERS } from './render';
import { renderFeed } from './syntheticSource';
import type { FeedVariant } from './types';

const stations = Number(process.argv[2] ?? 1500);
const iterations = Math.max(1, Math.min(10_000, Number(process.argv[3] ?? 50)));
const city = buildCity(1, stations);
const system = { systemId: 'velib-sim', name: 'Vélib (simulated)', timezone: 'Europe/Paris' };
const start = Date.parse('2025-10-14T08:00:00Z') / 1000;

for (const variant of ['velib', 'v2', 'v3'] as FeedVariant[]) {
  const render = (i: number) =>
    renderFeed(city, RENDERERS[variant], 'station_status', { t: start + i * 60, baseUrl: 'http://127.0.0.1', system });
  for (let i = 0; i < 5; i++) render(i); // warm-up: JIT and time-zone caches
  let bytes = 0;
  const began = performance.now();
  for (let i = 0; i < iterations; i++) bytes = Buffer.byteLength(render(100 + i));
  const ms = (performance.now() - began) / iterations;
  console.log(`${variant.padEnd(5)} station_status, ${stations} stations: ${ms.toFixed(2)} ms, ${bytes} bytes`);
}
