import { hotspotsQuerySchema } from '@/lib/hotspots/schemas';
import { jsonResponse, parseQuery } from '@/lib/api/responses';
import { encodedJsonResponse } from '@/lib/api/encodedJson';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { cacheControlFor, getHotspots } from '@/lib/hotspots/readHotspots';
import { toCsv, toGeoJson } from '@/lib/hotspots/formats';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = parseQuery(request, hotspotsQuerySchema);
  const response = await getHotspots(query);
  const headers = { 'cache-control': cacheControlFor(response) };
  if (query.format === 'csv') {
    return new Response(toCsv(response), {
      headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `inline; filename="hotspots-${response.system}-${response.date ?? `${response.period.start}-${response.period.end}`}.csv"` },
    });
  }
  if (query.format === 'geojson') {
    return jsonResponse(toGeoJson(response), { headers: { ...headers, 'content-type': 'application/geo+json' } });
  }
  return encodedJsonResponse(response, { headers });
});
