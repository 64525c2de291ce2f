import { addSystemBodySchema } from '@/lib/api/schemas';
import { parseJsonBody, jsonResponse } from '@/lib/api/responses';
import { cronSecretRefusal } from '@/lib/api/requireCronSecret';
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
  const refusal = cronSecretRefusal(request);
  if (refusal) return refusal;
  const body = await parseJsonBody(request, addSystemBodySchema);
  if ('refusal' in body) return body.refusal;
  const { db } = await getDatabase();
  return jsonResponse(await addSystem(db, body.data), { status: 201 });
});
