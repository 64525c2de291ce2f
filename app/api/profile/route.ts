import { profileQuerySchema } from '@/lib/profile/schemas';
import { jsonResponse, parseQuery } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getProfile } from '@/lib/profile/read';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  return jsonResponse(await getProfile(parseQuery(request, profileQuerySchema)));
});
