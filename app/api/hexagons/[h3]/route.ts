import { h3CellSchema, hexagonQuerySchema } from '@/lib/api/schemas';
import { invalidParameter, jsonResponse, queryOf } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { getHexagon } from '@/lib/hotspots/readHexagon';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withApiErrors(async (request: Request, context: { params: Promise<{ h3: string }> }): Promise<Response> => {
  const cell = h3CellSchema.safeParse((await context.params).h3.toLowerCase());
  if (!cell.success) return invalidParameter(cell.error, 'h3');
  const query = hexagonQuerySchema.safeParse(queryOf(request));
  if (!query.success) return invalidParameter(query.error);
  return jsonResponse(await getHexagon(cell.data, query.data));
});
