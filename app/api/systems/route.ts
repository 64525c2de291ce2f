import { jsonResponse } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { listSystems } from '@/lib/read/systems';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (): Promise<Response> => {
  return jsonResponse(await listSystems(), { headers: { 'cache-control': 'public, max-age=30' } });
});
