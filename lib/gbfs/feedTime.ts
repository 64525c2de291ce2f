/** Which time a status poll describes. */
import type { ParsedStatusFeed } from './types';

/**
 * The feed's own last_updated; failing that the newest station report (the file cannot be older
 * than what it contains); failing that the moment we downloaded it.
 */
export function statusFeedTime(feed: ParsedStatusFeed, fetchedAt: number): number {
  if (feed.lastUpdated !== null) return feed.lastUpdated;
  let newest: number | null = null;
  for (const { lastReported } of feed.items) {
    if (lastReported !== null && (newest === null || lastReported > newest)) newest = lastReported;
  }
  return newest ?? fetchedAt;
}
