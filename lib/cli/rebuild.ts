/** `npm run rebuild [-- --system ID]`: recomputes the hourly rollups from the stored history. */
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/db/client';
import { rebuildRollups } from '@/lib/ingest/rebuildRollups';
import { systemsToPoll } from '@/lib/ingest/runIngest';
import { configOrExit } from '@/lib/configOrExit';

const { values } = parseArgs({ options: { system: { type: 'string' } } });
const { MAX_GAP_SECONDS } = configOrExit();
try {
  const { db } = await getDatabase();
  for (const system of systemsToPoll(values.system)) {
    const started = Date.now();
    const result = await rebuildRollups(db, system.id, MAX_GAP_SECONDS);
    console.log(`${system.id}: ${result.polls} polls replayed, ${result.rows} hourly rows in ${Date.now() - started} ms`);
  }
} finally {
  await closeDatabase();
}
