/** Fetching the JSON API: every answer is parsed with the API's own zod schemas, errors included. */
import type { z } from 'zod';
import { errorResponseSchema } from '@/lib/api/schemas';

/** What went wrong with a request, in words a person can act on. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or null when the server could not be reached. */
    readonly status: number | null,
    /** The API's error code, or network / http_error / invalid_response. */
    readonly code: string,
    readonly parameter?: string,
    /** The error object of the answer as sent, with any fields beyond code and message (a 409's figures). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function pathOf(url: string): string {
  return url.split('?')[0];
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match the expected shape';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the answer';
  return `${where}: ${issue.message}`;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}

/**
 * GET (or, with `init`, send to) a URL of the API and parse its answer; throws ApiError. Nothing
 * aborts it: an answer that arrives after the view moved on still fills SWR's cache for a later visit.
 */
export async function fetchParsed<Schema extends z.ZodType>(url: string, schema: Schema, init: RequestInit = {}): Promise<z.output<Schema>> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers });
  } catch {
    throw new ApiError(`the server could not be reached (${pathOf(url)})`, null, 'network');
  }
  const body = await readJson(response);
  if (!response.ok) {
    const apiError = errorResponseSchema.safeParse(body);
    if (apiError.success) {
      const { message, code, parameter } = apiError.data.error;
      throw new ApiError(message, response.status, code, parameter, (body as { error: Record<string, unknown> }).error);
    }
    throw new ApiError(`the server answered HTTP ${response.status} ${response.statusText}`.trim(), response.status, 'http_error');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(`unexpected answer from ${pathOf(url)}: ${firstIssue(parsed.error)}`, response.status, 'invalid_response');
  }
  return parsed.data;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(error instanceof Error ? error.message : String(error), null, 'unknown');
}
