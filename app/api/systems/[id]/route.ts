import { pauseBodySchema, removeQuerySchema, systemPathSchema } from '@/lib/api/schemas';
import { invalidParameter, jsonResponse, parseJsonBody, queryOf } from '@/lib/api/responses';
import { cronSecretRefusal } from '@/lib/api/requireCronSecret';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { removeSystem, setSystemPaused } from '@/lib/systems/manage';
import { getDatabase } from '@/db/client';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/** `{"paused": true|false}` (CRON_SECRET): stops or resumes polling a system. */
export const PATCH = withApiErrors(async (request: Request, context: Context): Promise<Response> => {
  const refusal = cronSecretRefusal(request);
  if (refusal) return refusal;
  const path = systemPathSchema.safeParse(await context.params);
  if (!path.success) return invalidParameter(path.error);
  const body = await parseJsonBody(request, pauseBodySchema);
  if ('refusal' in body) return body.refusal;
  const { db } = await getDatabase();
  return jsonResponse(await setSystemPaused(db, path.data.id, body.data.paused));
});

/** Removes an added system (CRON_SECRET); `?purge=1` deletes its stored data too. */
export const DELETE = withApiErrors(async (request: Request, context: Context): Promise<Response> => {
  const refusal = cronSecretRefusal(request);
  if (refusal) return refusal;
  const path = systemPathSchema.safeParse(await context.params);
  if (!path.success) return invalidParameter(path.error);
  const query = removeQuerySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  const { db } = await getDatabase();
  return jsonResponse(await removeSystem(db, path.data.id, { purge: query.data.purge }));
});
