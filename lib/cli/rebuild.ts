/** `npm run rebuild [-- --system ID]`: recomputes the hourly rollups from the stored history. */
import { parseArgs } from 'node:util';
import { readConfig } from '@/lib/config';
import { closeDatabase, getDatabase } from '@/db/client';
import { rebuildRollups } from '@/db/rebuildRollups';
import { selectSystems } from '@/lib/ingest/runIngest';

const { values } = parseArgs({ options: { system: { type: 'string' } } });
try {
  const { db } = await getDatabase();
  for (const system of selectSystems(values.system)) {
    const started = Date.now();
    const result = await rebuildRollups(db, system.id, readConfig().MAX_GAP_SECONDS);
    console.log(`${system.id}: ${result.polls} polls replayed, ${result.rows} hourly rows in ${Date.now() - started} ms`);
  }
} finally {
  await closeDatabase();
}
