import { z } from 'zod';
import { invalidParameter, jsonError, jsonResponse, queryOf } from '@/lib/api/responses';
import { checkCronAuthorization } from '@/lib/ingest/cronAuth';
import { runIngest } from '@/lib/ingest/runIngest';
import { withNotFound } from '@/lib/api/withNotFound';
import { systemIdSchema } from '@/lib/systems';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const maxDuration = 60;

const querySchema = z.object({ system: systemIdSchema.optional() });

export const GET = withNotFound(async (request: Request): Promise<Response> => {
  const auth = checkCronAuthorization(request.headers.get('authorization'), process.env.CRON_SECRET);
  if (auth === 'not_configured') {
    return jsonError(503, 'not_configured', 'CRON_SECRET is not set on the server: the ingest route is disabled');
  }
  if (auth === 'denied') return jsonError(401, 'unauthorized', 'Authorization: Bearer <CRON_SECRET> required');

  const query = querySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  const runs = await runIngest('cron', query.data.system);
  const failed = runs.some((r) => r.status === 'failed');
  // A feed that failed is the upstream's fault: 502 makes the cron platform flag the run.
  return jsonResponse({ ok: !failed, runs }, { status: failed ? 502 : 200 });
});
