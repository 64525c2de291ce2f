/** system_information.json: the system's name and, above all, its time zone. */
import { z } from 'zod';
import { headerOf, parseEnvelope, type FeedHeader } from './envelope';
import { idLike, localizedTextLike, pickText } from './fields';
import { GbfsFormatError, type SystemInfo } from './types';

const FEED = 'system_information';

export interface ParsedSystemInformation extends FeedHeader {
  info: SystemInfo;
}

const systemRecord = z.object({
  system_id: idLike.nullish().catch(null),
  name: localizedTextLike.nullish().catch(null),
  timezone: z.unknown().optional(),
  language: z.string().nullish().catch(null),
  // v3 replaced `language` with a list.
  languages: z.array(z.string()).nullish().catch(null),
});

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function parseSystemInformation(json: unknown): ParsedSystemInformation {
  const envelope = parseEnvelope(json, FEED);
  const parsed = systemRecord.safeParse(envelope.data);
  // Every field above is optional or falls back, so this only guards later edits of the schema.
  if (!parsed.success) throw new GbfsFormatError(`${FEED}: unreadable data (${parsed.error.message})`, FEED);
  const record = parsed.data;

  // Days and hours of the week are computed in this zone; a wrong one would skew every chart.
  const { timezone } = record;
  if (typeof timezone !== 'string' || timezone.trim() === '') {
    throw new GbfsFormatError(`${FEED}: data.timezone is missing`, FEED);
  }
  if (!isValidTimeZone(timezone.trim())) {
    throw new GbfsFormatError(`${FEED}: data.timezone ${JSON.stringify(timezone)} is not an IANA time zone`, FEED);
  }

  const language = record.language?.trim() || record.languages?.[0]?.trim() || null;
  const systemId = record.system_id?.trim() || null;
  const name = pickText(record.name, language) ?? systemId;
  if (!name) throw new GbfsFormatError(`${FEED}: data.name and data.system_id are both missing`, FEED);

  return {
    ...headerOf(envelope),
    info: { systemId, name, timezone: timezone.trim(), language },
  };
}
