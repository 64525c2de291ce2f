import { describe, expect, it } from 'vitest';
import { FeedHttpError } from '@/lib/gbfs/http';
import { GbfsFormatError } from '@/lib/gbfs/types';
import { DatabaseOpenError } from '@/db/client';
import { classifyFailure } from './failure';

const URL_ = 'https://velib-metropole-opendata.smovengo.cloud/opendata/Velib_Metropole/gbfs.json';
const HOST = 'velib-metropole-opendata.smovengo.cloud';
const http = (message: string, status: number | null) => new FeedHttpError(`${URL_}: ${message}`, URL_, status);

describe('why a poll failed, in words a person understands', () => {
  it.each([
    ['no DNS (offline)', http('fetch failed (ENOTFOUND)', null), 'network', `cannot reach ${HOST} (no network?)`],
    ['no route', http('fetch failed (ENETUNREACH)', null), 'network', `cannot reach ${HOST} (no network?)`],
    ['nothing listening', http('fetch failed (ECONNREFUSED)', null), 'network', `${HOST} refused the connection (is the feed's server running?)`],
    ['a hang', http('no answer within 10000 ms', null), 'timeout', `${HOST} did not answer in time`],
    ['a body cut by the timeout', http('body not complete within 10000 ms', 200), 'timeout', `${HOST} stopped sending the feed before it was complete`],
    ['an error status', http('HTTP 503', 503), 'http', `HTTP 503 from ${HOST}`],
    ['a body over the cap', http('body exceeds the 100-byte cap', null), 'http', `the feed from ${HOST} is larger than FETCH_MAX_BYTES`],
    ['an HTML page', new GbfsFormatError('gbfs: got HTML/XML, expected JSON (starts with <html>)', 'gbfs', 'parse'), 'parse', 'not GBFS: gbfs: got HTML/XML, expected JSON (starts with <html>)'],
    ['JSON of another shape', new GbfsFormatError('gbfs: no feed list found', 'gbfs'), 'shape', 'not GBFS: gbfs: no feed list found'],
    ['the database', new DatabaseOpenError(new Error('connect ECONNREFUSED 127.0.0.1:5432')), 'database', 'the database is unavailable'],
  ])('%s', (_name, error, kind, reason) => {
    expect(classifyFailure(error)).toEqual({ kind, reason });
  });

  it('keeps a reason short and free of query text', () => {
    const long = new GbfsFormatError(`station_status: ${'x'.repeat(500)}`, 'station_status');
    expect(classifyFailure(long).reason).toHaveLength(200);
    const query = new Error('Failed query: insert into polls values ($1)\nparams: secret', { cause: new Error('disk full') });
    expect(classifyFailure(query)).toEqual({ kind: 'other', reason: 'disk full' });
  });
});
