/**
 * `npm run rebuild [-- --system ID]`: recomputes the hourly rollups from the stored history, the
 * daily tier from them, and the saturation episodes.
 */
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/db/client';
import { rebuildRollups } from '@/lib/hotspots/rebuild';
import { rebuildEpisodes } from '@/lib/episodes/rebuildEpisodes';
import { listedSystems, configuredSystem } from '@/lib/systems/listed';
import { configOrExit } from '@/lib/config';

const { values } = parseArgs({ options: { system: { type: 'string' } } });
const { MAX_GAP_SECONDS } = configOrExit();
try {
  const { db } = await getDatabase();
  // Paused systems too: their stored history is still served.
  const systems = values.system === undefined ? await listedSystems(db) : [await configuredSystem(db, values.system)];
  for (const system of systems) {
    const started = Date.now();
    const result = await rebuildRollups(db, system.id, MAX_GAP_SECONDS);
    console.log(`${system.id}: ${result.polls} polls replayed, ${result.rows} hourly rows (and the daily tier from them) in ${Date.now() - started} ms`);
    const episodesStarted = Date.now();
    const episodes = await rebuildEpisodes(db, system.id, MAX_GAP_SECONDS);
    console.log(`${system.id}: ${episodes.episodes} saturation episodes from ${episodes.polls} polls in ${Date.now() - episodesStarted} ms`);
  }
} finally {
  await closeDatabase();
}
