import { h3CellSchema } from '@/lib/api/schemas';
import { hexagonQuerySchema } from '@/lib/hotspots/schemas';
import { jsonResponse, parseParameter, parseQuery } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getHexagon } from '@/lib/hotspots/readHexagon';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request, context: { params: Promise<{ h3: string }> }): Promise<Response> => {
  const cell = parseParameter(h3CellSchema, (await context.params).h3.toLowerCase(), 'h3');
  const query = parseQuery(request, hexagonQuerySchema);
  return jsonResponse(await getHexagon(cell, query));
});
