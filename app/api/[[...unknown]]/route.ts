/**
 * Every /api/… path no other route serves (Next matches its specific routes first), for every
 * method: a JSON 404 naming the path instead of Next's HTML page.
 */
import { unknownApiPathError } from '@/lib/api/unknownRoute';
import { withApiErrors } from '@/lib/api/withApiErrors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const answerUnknownPath = withApiErrors(async (request: Request): Promise<Response> => {
  throw unknownApiPathError(request);
});

export const GET = answerUnknownPath;
export const HEAD = answerUnknownPath;
export const POST = answerUnknownPath;
export const PUT = answerUnknownPath;
export const PATCH = answerUnknownPath;
export const DELETE = answerUnknownPath;
export const OPTIONS = answerUnknownPath;
