/** Settings read from the environment, validated once. */
import { z } from 'zod';

const seconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  INGEST_INTERVAL_SECONDS: seconds(60),
  CRON_SECRET: z.string().min(1).optional(),
  GBFS_SYSTEMS: z.string().optional(),
  MAX_GAP_SECONDS: seconds(900),
  FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  FETCH_MAX_BYTES: z.coerce.number().int().positive().default(30 * 1024 * 1024),
  FETCH_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** A system whose newest stored feed is older than this is reported stale by /api/health. */
  STALE_AFTER_SECONDS: seconds(900),
  RAW_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  DEMO_MODE: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

export type AppConfig = z.infer<typeof envSchema>;

/** Empty strings count as unset, as in most deployment dashboards. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export const USER_AGENT = 'gbfs-hotspots/0.1 (+https://github.com/gbfs-hotspots)';
