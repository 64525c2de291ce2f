import { catalogQuerySchema } from '@/lib/catalog/schemas';
import { jsonResponse, parseQuery } from '@/lib/api/responses';
import { withApiErrors } from '@/lib/api/withApiErrors';
import { readCatalog } from '@/lib/catalog/read';
import { getDatabase } from '@/db/client';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The catalog of public GBFS systems as last read (never read here: the poll side refreshes it). */
export const GET = withApiErrors(async (request: Request): Promise<Response> => {
  const query = parseQuery(request, catalogQuerySchema);
  const { db } = await getDatabase();
  // Not cached: `collected` changes as soon as a system is added.
  return jsonResponse(await readCatalog(db, query));
});
