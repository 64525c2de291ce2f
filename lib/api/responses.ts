/** JSON answers of the route handlers: one error shape for every 4xx/5xx. */
import type { z } from 'zod';

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

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(toJson(body), { ...init, headers });
}

export function jsonError(status: number, code: string, message: string, extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {}): Response {
  const body: ApiErrorBody = { error: { code, message, ...extra } };
  return jsonResponse(body, { status });
}

/** The first problem of a failed query-string parse, named after its parameter. */
export function invalidParameter(error: z.ZodError, name?: string): Response {
  const issue = error.issues[0];
  const parameter = name ?? (issue?.path.map(String).join('.') || 'query');
  return jsonError(400, 'invalid_parameter', `${parameter}: ${issue?.message ?? 'invalid'}`, { parameter });
}

/** Query parameters as a plain object; a repeated parameter keeps its first value. */
export function queryOf(request: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in params)) params[key] = value;
  return params;
}

/** A request's JSON body checked against its schema; a 400 naming the problem otherwise. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<{ data: z.output<T> } | { refusal: Response }> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { refusal: jsonError(400, 'invalid_body', 'the body must be JSON (Content-Type: application/json)', { parameter: 'body' }) };
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? { data: parsed.data } : { refusal: invalidParameter(parsed.error) };
}
