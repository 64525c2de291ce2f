import { healthQuerySchema } from '@/lib/api/schemas';
import { jsonResponse, parseQuery } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { checkHealth } from '@/lib/operations/health';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const { strict } = parseQuery(request, healthQuerySchema);
  const report = await checkHealth({ strict });
  return jsonResponse(report, { status: report.healthy ? 200 : 503 });
});
