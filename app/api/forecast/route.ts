import { forecastQuerySchema } from '@/lib/forecast/schemas';
import { jsonResponse, parseQuery } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getForecast } from '@/lib/forecast/read';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  return jsonResponse(await getForecast(parseQuery(request, forecastQuerySchema)));
});
