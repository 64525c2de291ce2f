import { jsonResponse } from '@/lib/api/responses';
import { openApiDocument } from '@/lib/api/openapi';
import { withApiErrors } from '@/lib/api/withApiErrors';

export const dynamic = 'force-static';

export const GET = withApiErrors(async (): Promise<Response> => {
  return jsonResponse(openApiDocument(), { headers: { 'cache-control': 'public, max-age=3600' } });
});
