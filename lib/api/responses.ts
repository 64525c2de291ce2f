/**
 * JSON answers of the route handlers, one error shape for every 4xx/5xx; and the parsing of their
 * requests, which throws a known error (an InvalidParameterError, a 400 naming the parameter) for
 * withApiErrors to answer.
 */
import type { z } from 'zod';
import { BadRequestError, InvalidParameterError } from './errors';

export interface ApiErrorBody {
  error: { code: string; message: string; parameter?: string; accepted?: string; [detail: string]: unknown };
}

/** Answers served from a cache are the same object many times: serialise each once. */
const serialized = new WeakMap<object, string>();

function toJson(body: unknown): string {
  if (typeof body !== 'object' || body === null) return JSON.stringify(body);
  let text = serialized.get(body);
  if (text === undefined) serialized.set(body, (text = JSON.stringify(body)));
  return text;
}

/** The headers of a JSON answer: `init`'s, with JSON's content type and no-store unless they say otherwise. */
export function jsonHeaders(init?: HeadersInit): Headers {
  const headers = new Headers(init);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return headers;
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(toJson(body), { ...init, headers: jsonHeaders(init.headers) });
}

export function jsonError(status: number, code: string, message: string, extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {}): Response {
  const body: ApiErrorBody = { error: { code, message, ...extra } };
  return jsonResponse(body, { status });
}

/** `value` checked against its schema; an issue throws a 400 naming its parameter, or `name`. */
export function parseParameter<T extends z.ZodType>(schema: T, value: unknown, name?: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidParameterError(parsed.error, name);
  return parsed.data;
}

/** Query parameters as a plain object; a repeated parameter keeps its first value. */
export function queryOf(request: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in params)) params[key] = value;
  return params;
}

/** A request's query string checked against its schema (see parseParameter). */
export const parseQuery = <T extends z.ZodType>(request: Request, schema: T): z.output<T> => parseParameter(schema, queryOf(request));

/** A request's JSON body checked against its schema; a body that is not JSON throws a 400 of its own. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadRequestError('invalid_body', 'the body must be JSON (Content-Type: application/json)', 'body');
  }
  return parseParameter(schema, body);
}
