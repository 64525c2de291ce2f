import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '@/lib/api/errors';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { sampleOf } from '@/test/support/metricsText';
import { forgetProcessMetrics, metricsRegistry } from './metricsRegistry';

const text = () => metricsRegistry().metrics();
const call = (url: string, answer: () => Response, method = 'GET') =>
  withApiErrors(async () => answer())(new Request(`http://localhost${url}`, { method }));

beforeEach(() => forgetProcessMetrics());

describe('what a route answer adds to the metrics', () => {
  it('times and counts each answer by route template, method and status class, errors included', async () => {
    await call('/api/hexagons/8a1fb466249ffff?date=2025-06-03', () => new Response('{}'));
    await call('/api/hexagons/8a1fb466249ffee?token=do-not-show-me', () => new Response('{}'));
    await call('/api/hexagons/8a1fb466249ffff', () => {
      throw new NotFoundError('unknown_system', 'unknown system "x"', 'system', 'velib');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await call('/api/systems', () => {
      throw new TypeError('boom');
    });
    vi.restoreAllMocks();
    await call('/no/such/route', () => new Response('', { status: 404 }), 'BREW');

    const body = await text();
    const hexagons = { route: '/api/hexagons/{h3}', method: 'GET' };
    expect(sampleOf(body, 'gbfs_hotspots_http_responses_total', { ...hexagons, status_class: '2xx' })).toBe(2);
    expect(sampleOf(body, 'gbfs_hotspots_http_responses_total', { ...hexagons, status_class: '4xx' })).toBe(1);
    expect(sampleOf(body, 'gbfs_hotspots_http_request_duration_seconds_count', hexagons)).toBe(3);
    expect(sampleOf(body, 'gbfs_hotspots_http_responses_total', { route: '/api/systems', method: 'GET', status_class: '5xx' })).toBe(1);
    expect(sampleOf(body, 'gbfs_hotspots_http_responses_total', { route: 'other', method: 'other', status_class: '4xx' })).toBe(1);
    // Neither the parameters nor the query make a label.
    for (const needle of ['8a1fb466249ffff', 'do-not-show-me', '2025-06-03', 'BREW', '/no/such']) expect(body).not.toContain(needle);
  });
});
