import { profileQuerySchema } from '@/lib/profile/schemas';
import { invalidParameter, jsonResponse, queryOf } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getProfile } from '@/lib/profile/read';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = profileQuerySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  return jsonResponse(await getProfile(query.data));
});
