import { exportQuerySchema } from '@/lib/export/schemas';
import { parseQuery } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { exportResponse } from '@/lib/export/exportResponse';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  return exportResponse(parseQuery(request, exportQuerySchema));
});
