import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DatabaseOpenError } from '@/db/client';
import { resetConfig } from '@/lib/config';
import { requireCronSecret, requireMetricsToken } from './bearerToken';
import { BadRequestError, NotFoundError } from './errors';
import { parseJsonBody, parseParameter, parseQuery } from './responses';
import { withApiErrors } from './withApiErrors';

const request = new Request('http://localhost/api/hotspots?date=2025-06-03&token=do-not-log-me');

async function answerOf(error: unknown) {
  const response = await withApiErrors(async () => {
    throw error;
  })(request);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

afterEach(() => vi.restoreAllMocks());

describe('the error boundary of every route', () => {
  it('answers a known error with its status and JSON body', async () => {
    expect(await answerOf(new NotFoundError('unknown_system', 'unknown system "x"', 'system', 'velib'))).toEqual({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: { error: { code: 'unknown_system', message: 'unknown system "x"', parameter: 'system', accepted: 'velib' } },
    });
    expect(await answerOf(new BadRequestError('invalid_parameter', 'h3: too coarse', 'h3'))).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_parameter', parameter: 'h3' } },
    });
  });

  it('answers a database that cannot be opened, or a lost connection, with a 503 that a client may retry', async () => {
    const lost = Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });
    for (const error of [new DatabaseOpenError(new Error('connect ECONNREFUSED 127.0.0.1:5432')), new Error('Failed query', { cause: lost })]) {
      expect(await answerOf(error)).toEqual({
        status: 503,
        type: 'application/json; charset=utf-8',
        body: { error: { code: 'database_unavailable', message: 'the database is unavailable; try again shortly' } },
      });
    }
  });

  it('answers anything else with a generic JSON 500, logged once with the route and not the query', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await answerOf(new TypeError('cannot read properties of undefined'));
    expect(answer).toEqual({
      status: 500,
      type: 'application/json; charset=utf-8',
      body: { error: { code: 'internal_error', message: 'the server failed to answer this request; it has been logged' } },
    });
    expect(logged).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(logged.mock.calls[0][0]));
    expect(line).toMatchObject({ level: 'error', event: 'api.failed', route: '/api/hotspots', error: 'cannot read properties of undefined' });
    expect(JSON.stringify(line)).not.toContain('do-not-log-me');
  });

  it('passes answers through untouched', async () => {
    const ok = new Response('fine', { status: 201 });
    expect(await withApiErrors(async () => ok)(request)).toBe(ok);
  });
});

/** Status, headers and body text, as a client receives them. */
async function exactly(response: Response) {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

describe('parameters parsed by the handler, answered by the boundary', () => {
  const querySchema = z
    .object({
      limit: z.string().regex(/^\d+$/, 'limit must be a whole number').optional(),
      window: z.object({ from: z.string().max(2, 'from must be 0-23') }).optional(),
    })
    .refine((q) => q.limit !== '0', { message: 'limit must be positive' });
  const route = withApiErrors(async (request: Request) => Response.json(parseQuery(request, querySchema)));
  const call = async (query: string) => exactly(await route(new Request(`http://localhost/api/x${query}`)));

  it('answers the first issue as a 400 named after its parameter, byte for byte', async () => {
    expect(await call('?limit=x&limit=1')).toEqual({
      status: 400,
      headers: JSON_HEADERS,
      body: '{"error":{"code":"invalid_parameter","message":"limit: limit must be a whole number","parameter":"limit"}}',
    });
    // An issue without a path (a refine over the whole query) is named "query".
    expect((await call('?limit=0')).body).toBe('{"error":{"code":"invalid_parameter","message":"query: limit must be positive","parameter":"query"}}');
    expect(JSON.parse((await call('?limit=12')).body)).toEqual({ limit: '12' });
  });

  it('names a nested field by its path, and a value parsed alone by the name it is given', async () => {
    const nested = withApiErrors(async () => Response.json(parseParameter(querySchema, { window: { from: '123' } })));
    expect((await exactly(await nested(request))).body).toBe(
      '{"error":{"code":"invalid_parameter","message":"window.from: from must be 0-23","parameter":"window.from"}}',
    );
    const cell = withApiErrors(async () => Response.json(parseParameter(z.string().regex(/^8/, 'h3 must be an H3 cell index'), 'x', 'h3')));
    expect(await exactly(await cell(request))).toEqual({
      status: 400,
      headers: JSON_HEADERS,
      body: '{"error":{"code":"invalid_parameter","message":"h3: h3 must be an H3 cell index","parameter":"h3"}}',
    });
  });

  it('answers a body that is not JSON, or a body field that fails, with their 400s', async () => {
    const bodySchema = z.object({ paused: z.boolean({ error: 'paused must be true or false' }) });
    const route = withApiErrors(async (request: Request) => Response.json(await parseJsonBody(request, bodySchema)));
    const post = async (body: string) => exactly(await route(new Request('http://localhost/api/x', { method: 'POST', body })));
    expect(await post('not json')).toEqual({
      status: 400,
      headers: JSON_HEADERS,
      body: '{"error":{"code":"invalid_body","message":"the body must be JSON (Content-Type: application/json)","parameter":"body"}}',
    });
    expect((await post('{"paused":"yes"}')).body).toBe('{"error":{"code":"invalid_parameter","message":"paused: paused must be true or false","parameter":"paused"}}');
    expect(JSON.parse((await post('{"paused":true}')).body)).toEqual({ paused: true });
  });

  it('answers a ZodError that no parameter caused (a stored row, a feed) as a 500: the caller asked nothing wrong', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await answerOf(z.number().safeParse('not a number').error);
    expect(answer).toMatchObject({ status: 500, body: { error: { code: 'internal_error' } } });
  });
});

describe('the bearer secrets, refused by the boundary', () => {
  const saved = { cron: process.env.CRON_SECRET, metrics: process.env.METRICS_TOKEN };
  afterEach(() => {
    for (const [name, value] of [['CRON_SECRET', saved.cron], ['METRICS_TOKEN', saved.metrics]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfig();
  });
  const withEnvironment = (name: 'CRON_SECRET' | 'METRICS_TOKEN', value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
    resetConfig();
  };
  const cronRoute = withApiErrors(async (request: Request) => {
    requireCronSecret(request);
    return new Response('polled');
  });
  const metricsRoute = withApiErrors(async (request: Request) => {
    requireMetricsToken(request);
    return new Response('metrics');
  });
  const call = async (route: (request: Request) => Promise<Response>, authorization?: string) =>
    exactly(await route(new Request('http://localhost/api/x', { headers: authorization === undefined ? {} : { authorization } })));

  it('CRON_SECRET: a missing or wrong secret is the 401, an unset one the 503, the right one passes', async () => {
    withEnvironment('CRON_SECRET', 'right-secret');
    const unauthorized = { status: 401, headers: JSON_HEADERS, body: '{"error":{"code":"unauthorized","message":"Authorization: Bearer <CRON_SECRET> required"}}' };
    expect(await call(cronRoute)).toEqual(unauthorized);
    expect(await call(cronRoute, 'Bearer wrong')).toEqual(unauthorized);
    expect((await call(cronRoute, 'Bearer right-secret')).body).toBe('polled');
    withEnvironment('CRON_SECRET', undefined);
    expect(await call(cronRoute, 'Bearer right-secret')).toEqual({
      status: 503,
      headers: JSON_HEADERS,
      body: '{"error":{"code":"not_configured","message":"CRON_SECRET is not set on the server: this route is disabled"}}',
    });
  });

  it('METRICS_TOKEN: open while unset; once set, a missing or wrong token is a 401', async () => {
    withEnvironment('METRICS_TOKEN', undefined);
    expect((await call(metricsRoute)).body).toBe('metrics');
    withEnvironment('METRICS_TOKEN', 'scrape-token');
    const unauthorized = { status: 401, headers: JSON_HEADERS, body: '{"error":{"code":"unauthorized","message":"Authorization: Bearer <METRICS_TOKEN> required"}}' };
    expect(await call(metricsRoute)).toEqual(unauthorized);
    expect(await call(metricsRoute, 'Bearer scrape-tokenx')).toEqual(unauthorized);
    expect((await call(metricsRoute, 'Bearer scrape-token')).body).toBe('metrics');
  });
});
