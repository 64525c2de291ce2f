import { forecastQuerySchema } from '@/lib/forecast/schemas';
import { invalidParameter, jsonResponse, queryOf } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getForecast } from '@/lib/forecast/read';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = forecastQuerySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  return jsonResponse(await getForecast(query.data));
});
