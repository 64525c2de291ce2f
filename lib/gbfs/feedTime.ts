/** Which time a status poll describes. */
import type { ParsedStatusFeed } from './types';

/** A feed clock ahead of ours by more than this is wrong, not early. */
export const FEED_CLOCK_TOLERANCE_SECONDS = 300;

/**
 * The feed's own last_updated; failing that the newest station report (the file cannot be older
 * than what it contains); failing that the moment we downloaded it. A time in the future is
 * replaced by the download time: stored, it would make every later poll look stale.
 */
export function statusFeedTime(feed: ParsedStatusFeed, fetchedAt: number): number {
  const own = ownFeedTime(feed, fetchedAt);
  return own > fetchedAt + FEED_CLOCK_TOLERANCE_SECONDS ? fetchedAt : own;
}

function ownFeedTime(feed: ParsedStatusFeed, fetchedAt: number): number {
  if (feed.lastUpdated !== null) return feed.lastUpdated;
  let newest: number | null = null;
  for (const { lastReported } of feed.items) {
    if (lastReported !== null && (newest === null || lastReported > newest)) newest = lastReported;
  }
  return newest ?? fetchedAt;
}
