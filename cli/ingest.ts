/** `npm run ingest [-- --system ID]`: one poll of every system; exit 1 when any failed. */
import { parseArgs } from 'node:util';
import { closeDatabase } from '@/db/client';
import { runIngest } from '@/lib/ingest/pollSystem';
import { configOrExit } from '@/lib/config';

const { values } = parseArgs({ options: { system: { type: 'string' } } });
configOrExit();
let exitCode = 0;
try {
  const runs = await runIngest('cli', values.system);
  exitCode = runs.some((r) => r.status === 'failed') ? 1 : 0;
} catch (error) {
  console.error((error as Error).message);
  exitCode = 1;
} finally {
  await closeDatabase();
}
process.exit(exitCode);
