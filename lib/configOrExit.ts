/** The configuration, or the process ends (at boot: server or command) with the sentence naming the bad variable. */
import { getConfig, type AppConfig } from './config';

export function configOrExit(): AppConfig {
  try {
    return getConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
