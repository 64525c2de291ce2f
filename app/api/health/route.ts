import { healthQuerySchema } from '@/lib/api/schemas';
import { invalidParameter, jsonResponse, queryOf } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { checkHealth } from '@/lib/operations/health';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = healthQuerySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  const report = await checkHealth({ strict: query.data.strict });
  return jsonResponse(report, { status: report.healthy ? 200 : 503 });
});
