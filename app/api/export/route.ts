import { exportQuerySchema } from '@/lib/export/schemas';
import { invalidParameter, queryOf } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { exportResponse } from '@/lib/export/exportResponse';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = exportQuerySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  return exportResponse(query.data);
});
