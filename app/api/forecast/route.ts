import { forecastQuerySchema } from '@/lib/forecast/schemas';
import { parseQuery } from '@/lib/api/responses';
import { encodedJsonResponse } from '@/lib/api/encodedJson';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getForecast } from '@/lib/forecast/read';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  return encodedJsonResponse(await getForecast(parseQuery(request, forecastQuerySchema)));
});
