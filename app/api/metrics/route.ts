import { requireMetricsToken } from '@/lib/api/bearerToken';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { scrapeMetrics } from '@/lib/operations/scrape';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  requireMetricsToken(request);
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
});
