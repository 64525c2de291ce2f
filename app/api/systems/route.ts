import { addSystemBodySchema } from '@/lib/systems/schemas';
import { parseJsonBody, jsonResponse } from '@/lib/api/responses';
import { requireCronSecret } from '@/lib/api/bearerToken';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { addSystem } from '@/lib/systems/add';
import { listSystems } from '@/lib/systems/read';
import { getDatabase } from '@/db/client';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const maxDuration = 60;

export const GET = withApiErrors(async (): Promise<Response> => {
  // Not cached: it says how the newest poll went, and the page asks again every few seconds while it waits.
  return jsonResponse(await listSystems());
});

/** Adds a system (CRON_SECRET): it is polled from the next round, without a restart. */
export const POST = withApiErrors(async (request: Request): Promise<Response> => {
  requireCronSecret(request);
  const body = await parseJsonBody(request, addSystemBodySchema);
  const { db } = await getDatabase();
  return jsonResponse(await addSystem(db, body), { status: 201 });
});
