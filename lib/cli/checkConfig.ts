/** The configuration of a CLI command, or the process ends with the sentence naming the bad variable. */
import { getConfig, type AppConfig } from '@/lib/config';

export function configOrExit(): AppConfig {
  try {
    return getConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
