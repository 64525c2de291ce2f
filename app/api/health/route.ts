import { jsonResponse } from '@/lib/api/responses';
import { checkHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(): Promise<Response> {
  const report = await checkHealth();
  return jsonResponse(report, { status: report.healthy ? 200 : 503 });
}
