import { jsonResponse } from '@/lib/api/responses';
import { openApiDocument } from '@/lib/api/openapi';

export const dynamic = 'force-static';

export function GET(): Response {
  return jsonResponse(openApiDocument(), { headers: { 'cache-control': 'public, max-age=3600' } });
}
