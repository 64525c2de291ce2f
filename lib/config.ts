/**
 * Settings read from the environment: parsed and validated once, at start (instrumentation.ts,
 * the CLI commands), so that a bad value stops the process with a sentence naming the variable.
 * Tests that change the environment call resetConfig().
 */
import { z } from 'zod';
import { flagSchema } from './flagSchema';
import { parseSystemsSetting, type SystemConfig } from './systems/catalog';

const seconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const flag = () => flagSchema().default(false);

const envSchema = z.object({
  /** Never echoed: it holds a password. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  INGEST_INTERVAL_SECONDS: seconds(60),
  CRON_SECRET: z.string().min(1).optional(),
  GBFS_SYSTEMS: z
    .string()
    .optional()
    .transform((value, context): SystemConfig[] => {
      try {
        return parseSystemsSetting(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message.replace(/^GBFS_SYSTEMS: /, '') });
        return z.NEVER;
      }
    }),
  MAX_GAP_SECONDS: seconds(900),
  FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  FETCH_MAX_BYTES: z.coerce.number().int().positive().default(30 * 1024 * 1024),
  FETCH_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** A system whose newest stored feed is older than this is reported stale. */
  STALE_AFTER_SECONDS: seconds(900),
  RAW_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  DEMO_MODE: flag(),
  /** Bearer token that /api/metrics asks for; unset, the metrics are open (as most exporters are). */
  METRICS_TOKEN: z.string().min(1).optional(),
  /** Lets `systems add` reach loopback and private addresses (the tests, the simulator, a LAN feed). */
  ALLOW_PRIVATE_FEEDS: flag(),
  /** MobilityData's list of public GBFS systems (lib/catalog): an http(s) URL, or a file: URL of a copy. */
  GBFS_CATALOG_URL: z
    .url({ protocol: /^(https?|file)$/, error: 'must be an http(s) or file: URL' })
    .default('https://raw.githubusercontent.com/MobilityData/gbfs/master/systems.csv'),
});

export type AppConfig = z.output<typeof envSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as in most deployment dashboards. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
}

/** Parses an environment; throws a ConfigError naming each bad variable (never its value). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment variable: ${problems}`);
  }
  return parsed.data;
}

let current: AppConfig | undefined;

/** The process's settings, parsed on first use. */
export function getConfig(): AppConfig {
  current ??= loadConfig();
  return current;
}

/** Forgets the parsed settings, so that the next getConfig() reads the environment again (tests). */
export function resetConfig(): void {
  current = undefined;
}

export const USER_AGENT = 'gbfs-hotspots/0.1 (+https://github.com/gbfs-hotspots)';

/** The configuration, or the process ends (at boot: server or command) with the sentence naming the bad variable. */
export function configOrExit(): AppConfig {
  try {
    return getConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
