import { episodesQuerySchema } from '@/lib/episodes/schemas';
import { jsonResponse, parseQuery } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getEpisodes } from '@/lib/episodes/read';
import { episodeStationsCsv } from '@/lib/episodes/read';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = parseQuery(request, episodesQuerySchema);
  const response = await getEpisodes(query);
  if (query.format === 'csv') {
    return new Response(episodeStationsCsv(response), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'cache-control': 'no-store',
        'content-disposition': `inline; filename="episodes-${response.system}-${response.kind}-${response.start}-${response.end}.csv"`,
      },
    });
  }
  return jsonResponse(response);
});
