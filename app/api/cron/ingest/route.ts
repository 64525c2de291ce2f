import { systemQuerySchema } from '@/lib/api/schemas';
import { invalidParameter, jsonError, jsonResponse, queryOf } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getConfig } from '@/lib/config';
import { checkCronAuthorization } from '@/lib/ingest/cronAuth';
import { runIngest } from '@/lib/ingest/runIngest';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const maxDuration = 60;

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const auth = checkCronAuthorization(request.headers.get('authorization'), getConfig().CRON_SECRET);
  if (auth === 'not_configured') {
    return jsonError(503, 'not_configured', 'CRON_SECRET is not set on the server: the ingest route is disabled');
  }
  if (auth === 'denied') return jsonError(401, 'unauthorized', 'Authorization: Bearer <CRON_SECRET> required');

  const query = systemQuerySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  const runs = await runIngest('cron', query.data.system);
  const failed = runs.some((r) => r.status === 'failed');
  // A feed that failed is the upstream's fault: 502 makes the cron platform flag the run.
  return jsonResponse({ ok: !failed, runs }, { status: failed ? 502 : 200 });
});
