/** gbfs.json: where a system's other feeds live. */
import { z } from 'zod';
import { parseEnvelope } from './envelope';
import { isPlainObject } from './fields';
import { GbfsFormatError, type FeedUrls } from './types';

const FEED = 'gbfs';
const FALLBACK_LANGUAGE = 'en';

// Entries that are not {name, url} strings are dropped, not fatal: only two feeds are required.
const feedList = z.array(z.unknown()).transform((entries) =>
  entries.flatMap((entry) => {
    const parsed = z.object({ name: z.string(), url: z.string().trim().min(1) }).safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  }),
);
type FeedList = z.output<typeof feedList>;

function feedsOfLanguage(value: unknown): FeedList | null {
  if (!isPlainObject(value)) return null;
  const parsed = feedList.safeParse(value.feeds);
  return parsed.success ? parsed.data : null;
}

/** v1/v2: {data: {<language>: {feeds}}}, choosing preferred, then English, then the first. */
function chooseLanguage(
  data: Record<string, unknown>,
  preferredLanguage: string | undefined,
): { language: string; feeds: FeedList } | null {
  const languages = Object.keys(data).filter((key) => feedsOfLanguage(data[key]) !== null);
  const wanted = [preferredLanguage, FALLBACK_LANGUAGE, languages[0]];
  const language = wanted.find((candidate) => candidate !== undefined && languages.includes(candidate));
  if (language === undefined) return null;
  return { language, feeds: feedsOfLanguage(data[language]) ?? [] };
}

export function parseDiscovery(json: unknown, preferredLanguage?: string): FeedUrls {
  const envelope = parseEnvelope(json, FEED);
  const { data } = envelope;

  // v3 lists feeds directly under data (so do a few v1 feeds that skipped the language level).
  const flat = feedList.safeParse(data.feeds);
  const chosen = flat.success ? { language: null, feeds: flat.data } : chooseLanguage(data, preferredLanguage);
  if (!chosen) {
    throw new GbfsFormatError(`${FEED}: no feed list found (expected data.feeds or data.<language>.feeds)`, FEED);
  }

  const urlOf = (name: string) => chosen.feeds.find((feed) => feed.name === name)?.url ?? null;
  const stationInformation = urlOf('station_information');
  const stationStatus = urlOf('station_status');
  if (!stationInformation || !stationStatus) {
    const missing = [!stationInformation && 'station_information', !stationStatus && 'station_status'].filter(Boolean);
    const where = chosen.language ? ` (language "${chosen.language}")` : '';
    throw new GbfsFormatError(`${FEED}: no ${missing.join(' and ')} feed listed${where}`, FEED);
  }

  return {
    version: envelope.version,
    language: chosen.language,
    systemInformation: urlOf('system_information'),
    stationInformation,
    stationStatus,
    vehicleTypes: urlOf('vehicle_types'),
  };
}
