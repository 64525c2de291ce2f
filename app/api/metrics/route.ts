import { checkBearerToken } from '@/lib/api/bearerToken';
import { jsonError } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getConfig } from '@/lib/config';
import { scrapeMetrics } from '@/lib/operations/scrape';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  // Without METRICS_TOKEN the metrics are open, as most exporters' are.
  if (checkBearerToken(request.headers.get('authorization'), getConfig().METRICS_TOKEN) === 'denied') {
    return jsonError(401, 'unauthorized', 'Authorization: Bearer <METRICS_TOKEN> required');
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
});
