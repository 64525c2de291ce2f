/** Vercel-cron style check of the cron route: CRON_SECRET as a bearer token (lib/api/bearerToken.ts). */
import { checkBearerToken, type BearerCheck } from '@/lib/api/bearerToken';

export type CronAuthResult = BearerCheck;

export const checkCronAuthorization: (header: string | null, secret: string | undefined) => CronAuthResult = checkBearerToken;
