import { systemQuerySchema } from '@/lib/api/schemas';
import { invalidParameter, jsonResponse, queryOf } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { cronSecretRefusal } from '@/lib/api/requireCronSecret';
import { runIngest } from '@/lib/ingest/runIngest';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const maxDuration = 60;

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const refusal = cronSecretRefusal(request);
  if (refusal) return refusal;

  const query = systemQuerySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  const runs = await runIngest('cron', query.data.system);
  const failed = runs.some((r) => r.status === 'failed');
  // A feed that failed is the upstream's fault: 502 makes the cron platform flag the run.
  return jsonResponse({ ok: !failed, runs }, { status: failed ? 502 : 200 });
});
