import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseOpenError } from '@/db/client';
import { BadRequestError, NotFoundError } from './errors';
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
