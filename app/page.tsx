/**
 * The map page. The view comes from the query string (shared links open where they were made);
 * everything that needs WebGL loads in the browser.
 */
import { HotspotExplorer } from '@/app/_components/HotspotExplorer';
import { parseViewQuery, type RawQuery } from '@/app/_lib/viewQuery';

export default async function Home({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const initial = parseViewQuery(await searchParams);
  return (
    <main>
      <HotspotExplorer initial={initial} />
    </main>
  );
}
