import { profileQuerySchema } from '@/lib/api/profileSchemas';
import { invalidParameter, jsonResponse, queryOf } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getProfile } from '@/lib/read/profile';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = profileQuerySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  return jsonResponse(await getProfile(query.data));
});
