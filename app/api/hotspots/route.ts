import { hotspotsQuerySchema } from '@/lib/hotspots/schemas';
import { jsonResponse, parseQuery } from '@/lib/api/responses';
import { encodedJsonResponse } from '@/lib/api/encodedJson';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { cacheControlFor, getHotspots } from '@/lib/hotspots/readHotspots';
import { toCsv, toGeoJson, toParquet } from '@/lib/hotspots/formats';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = parseQuery(request, hotspotsQuerySchema);
  const response = await getHotspots(query);
  const headers = { 'cache-control': cacheControlFor(response) };
  const fileName = `hotspots-${response.system}-${response.date ?? `${response.period.start}-${response.period.end}`}`;
  if (query.format === 'csv') {
    return new Response(toCsv(response), {
      headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `inline; filename="${fileName}.csv"` },
    });
  }
  if (query.format === 'parquet') {
    return new Response(toParquet(response) as Uint8Array<ArrayBuffer>, {
      headers: { ...headers, 'content-type': 'application/vnd.apache.parquet', 'content-disposition': `attachment; filename="${fileName}.parquet"` },
    });
  }
  if (query.format === 'geojson') {
    return jsonResponse(toGeoJson(response), { headers: { ...headers, 'content-type': 'application/geo+json' } });
  }
  return encodedJsonResponse(response, { headers });
});
