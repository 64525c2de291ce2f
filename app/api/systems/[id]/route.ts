import { pauseBodySchema, removeQuerySchema, systemPathSchema } from '@/lib/systems/schemas';
import { jsonResponse, parseJsonBody, parseParameter, parseQuery } from '@/lib/api/responses';
import { requireCronSecret } from '@/lib/api/bearerToken';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { removeSystem, setSystemPaused } from '@/lib/systems/manage';
import { getDatabase } from '@/db/client';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/** `{"paused": true|false}` (CRON_SECRET): stops or resumes polling a system. */
export const PATCH = withApiErrors(async (request: Request, context: Context): Promise<Response> => {
  requireCronSecret(request);
  const { id } = parseParameter(systemPathSchema, await context.params);
  const { paused } = await parseJsonBody(request, pauseBodySchema);
  const { db } = await getDatabase();
  return jsonResponse(await setSystemPaused(db, id, paused));
});

/** Removes an added system (CRON_SECRET); `?purge=1` deletes its stored data too. */
export const DELETE = withApiErrors(async (request: Request, context: Context): Promise<Response> => {
  requireCronSecret(request);
  const { id } = parseParameter(systemPathSchema, await context.params);
  const { purge } = parseQuery(request, removeQuerySchema);
  const { db } = await getDatabase();
  return jsonResponse(await removeSystem(db, id, { purge }));
});
