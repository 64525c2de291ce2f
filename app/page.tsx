/**
 * The map page. The view comes from the query string (shared links open where they were made);
 * the systems list is rendered in, and the first hotspots answer is named in the head for the
 * browser to fetch while the page's code loads (the page's own request then takes it); everything
 * that needs WebGL loads in the browser.
 */
import { preload } from 'react-dom';
import { HotspotExplorer } from '@/app/_components/HotspotExplorer';
import { openingHotspotsPreloads } from '@/app/_lib/openingView';
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
  // crossOrigin: the credentials mode of the page's own fetch(), without which the browser does not reuse the preload.
  for (const { href, media } of openingHotspotsPreloads(systems?.systems, initial)) preload(href, { as: 'fetch', crossOrigin: 'anonymous', media });
  return (
    <main>
      <HotspotExplorer initial={initial} systemsRendered={systems} />
    </main>
  );
}
