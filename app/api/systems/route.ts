import { jsonResponse } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { listSystems } from '@/lib/read/systems';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (): Promise<Response> => {
  // Not cached: it says how the newest poll went, and the page asks again every few seconds while it waits.
  return jsonResponse(await listSystems());
});
