/**
 * The map page. The view comes from the query string (shared links open where they were made);
 * the systems list is rendered in, so the first hexagons are asked for as soon as the page runs;
 * everything that needs WebGL loads in the browser.
 */
import { HotspotExplorer } from '@/app/_components/HotspotExplorer';
import { parseViewQuery, type RawQuery } from '@/app/_lib/viewQuery';
import { listSystems } from '@/lib/systems/read';
import type { SystemsResponse } from '@/lib/systems/schemas';

/** The list, or nothing when the database cannot answer now: the page then asks the API, which says why. */
async function renderedSystems(): Promise<SystemsResponse | undefined> {
  try {
    return await listSystems();
  } catch {
    return undefined;
  }
}

export default async function Home({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const [initial, systems] = await Promise.all([searchParams.then(parseViewQuery), renderedSystems()]);
  return (
    <main>
      <HotspotExplorer initial={initial} systemsRendered={systems} />
    </main>
  );
}
