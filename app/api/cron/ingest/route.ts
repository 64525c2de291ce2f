import { systemQuerySchema } from '@/lib/api/schemas';
import { jsonResponse, parseQuery } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { requireCronSecret } from '@/lib/api/bearerToken';
import { runIngest } from '@/lib/ingest/pollSystem';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const maxDuration = 60;

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  requireCronSecret(request);
  const query = parseQuery(request, systemQuerySchema);
  const runs = await runIngest('cron', query.system);
  const failed = runs.some((r) => r.status === 'failed');
  // A feed that failed is the upstream's fault: 502 makes the cron platform flag the run.
  return jsonResponse({ ok: !failed, runs }, { status: failed ? 502 : 200 });
});
