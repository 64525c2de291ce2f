import { jsonResponse } from '@/lib/api/responses';
import { listSystems } from '@/lib/read/systems';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(): Promise<Response> {
  return jsonResponse(await listSystems(), { headers: { 'cache-control': 'public, max-age=30' } });
}
