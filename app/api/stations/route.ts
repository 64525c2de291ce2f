import { stationsQuerySchema } from '@/lib/stations/schemas';
import { jsonResponse, parseQuery } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getStations, STATIONS_CACHE_CONTROL } from '@/lib/stations/read';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = parseQuery(request, stationsQuerySchema);
  const { body, etag } = await getStations(query);
  const headers = { 'cache-control': STATIONS_CACHE_CONTROL, etag };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return jsonResponse(body, { headers });
});
