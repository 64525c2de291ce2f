/**
 * What a file of an archive is, told by its content (never by its name): a station_status, a
 * station_information, a system_information, a vehicle_types, or a file skipped for a reason.
 * Pure: bytes in, a verdict out. The text is decoded as a live poll decodes a download
 * (lib/gbfs/http.ts decodeFeedText: UTF-8, else Windows-1252) and parsed by the same
 * parseJsonText, so a file reads exactly as the same bytes served by a feed would.
 */
import { isUtf8 } from 'node:buffer';
import { decodeFeedText } from '@/lib/gbfs/http';
import { parseJsonText } from '@/lib/gbfs/json';
import { parseEnvelope } from '@/lib/gbfs/envelope';
import { isPlainObject } from '@/lib/gbfs/fields';
import { GbfsFormatError } from '@/lib/gbfs/types';

export const DOCUMENT_KINDS = ['station_status', 'station_information', 'system_information', 'vehicle_types'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Why a file was left out of an import, counted in its summary. */
export const FILE_SKIP_REASONS = [
  'empty', // no bytes, or only white space
  'truncated', // JSON that stops before its end (a download cut off)
  'not_json', // HTML, or text that is no JSON
  'not_gbfs', // JSON without GBFS's {last_updated, data: {…}} envelope, or stations of no known kind
  'other_feed', // a GBFS file the import does not need (gbfs.json, system_alerts, free_bike_status…)
  'no_stations', // a station file listing no station: its kind cannot be told
  'unreadable', // the file system refused to read it
  'duplicate_feed_time', // a second station_status with the feed time of one already taken
  'already_stored', // a station_status whose feed time the system has already stored
] as const;
export type FileSkipReason = (typeof FILE_SKIP_REASONS)[number];

export type Classified =
  | { kind: DocumentKind; json: unknown; lastUpdated: number | null; latin1: boolean }
  | { skip: FileSkipReason; detail: string };

const STATUS_FIELDS = ['num_bikes_available', 'numBikesAvailable', 'num_vehicles_available', 'num_docks_available', 'numDocksAvailable'];
const INFORMATION_FIELDS = ['lat', 'lon'];
/** Enough station records to tell the kind of a file whose first records are broken. */
const RECORDS_LOOKED_AT = 20;

function stationFileKind(stations: readonly unknown[]): DocumentKind | null {
  for (const record of stations.slice(0, RECORDS_LOOKED_AT)) {
    if (!isPlainObject(record)) continue;
    if (STATUS_FIELDS.some((field) => field in record)) return 'station_status';
    if (INFORMATION_FIELDS.every((field) => field in record)) return 'station_information';
  }
  return null;
}

/** Bytes that are not UTF-8 and hold no UTF-8 sequence: decodeFeedText read them as Windows-1252. */
function isLatin1(bytes: Uint8Array, text: string): boolean {
  return !isUtf8(bytes) && !text.includes('\ufffd');
}

/** The kind of a GBFS document, from its envelope and its data. */
export function classifyJson(json: unknown): { kind: DocumentKind; lastUpdated: number | null } | { skip: FileSkipReason; detail: string } {
  let envelope;
  try {
    envelope = parseEnvelope(json, 'document');
  } catch (error) {
    return { skip: 'not_gbfs', detail: error instanceof Error ? error.message : String(error) };
  }
  const { data, lastUpdated } = envelope;
  if (Array.isArray(data.stations)) {
    if (data.stations.length === 0) return { skip: 'no_stations', detail: 'data.stations is empty' };
    const kind = stationFileKind(data.stations);
    return kind ? { kind, lastUpdated } : { skip: 'not_gbfs', detail: 'data.stations holds neither statuses nor positions' };
  }
  if (typeof data.timezone === 'string') return { kind: 'system_information', lastUpdated };
  if (Array.isArray(data.vehicle_types)) return { kind: 'vehicle_types', lastUpdated };
  return { skip: 'other_feed', detail: `a GBFS file with data.${Object.keys(data).slice(0, 3).join(', data.') || '(nothing)'}` };
}

/** A file's verdict from its bytes. */
export function classifyDocument(bytes: Uint8Array): Classified {
  if (bytes.length === 0) return { skip: 'empty', detail: 'no bytes' };
  const text = decodeFeedText(bytes);
  let json: unknown;
  try {
    json = parseJsonText(text, 'document');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof GbfsFormatError)) return { skip: 'not_json', detail: message };
    if (/empty document/.test(message)) return { skip: 'empty', detail: 'only white space' };
    return { skip: /truncated\?/.test(message) ? 'truncated' : 'not_json', detail: message };
  }
  const verdict = classifyJson(json);
  return 'skip' in verdict ? verdict : { ...verdict, json, latin1: isLatin1(bytes, text) };
}

const EPOCH_NAME = /(?:^|[^\d])(\d{10})(\d{3})?(?:\.\d+)?(?:\.json)?$/;
const DATE_IN_PATH = /(\d{4})[-_/]?(\d{2})[-_/]?(\d{2})(?:[T_\- /]?(\d{2})[-_:h]?(\d{2})(?:[-_:m]?(\d{2}))?)?/g;

/**
 * The time a file's path gives, in UTC: an epoch name (`1647386100.json`, in s or ms), else the
 * last date (and time) in its folders and name (`2022_06_29_08_00_24.json`,
 * `2022-10-24T00-19-04Z/station_status.json`, `2022/06/29/0800.json`). A status file without a
 * time of its own takes it as its download time, as a live poll takes the moment it downloaded.
 */
export function timeFromPath(relativePath: string): number | null {
  const name = relativePath.split(/[\\/]/).pop() ?? '';
  const epoch = EPOCH_NAME.exec(name);
  if (epoch) return Number(epoch[1]);
  let found: number | null = null;
  for (const m of relativePath.matchAll(DATE_IN_PATH)) {
    const [year, month, day, hour = '00', minute = '00', second = '00'] = m.slice(1).map((part) => part ?? undefined);
    const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
    const valid = Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31 && Number(hour) < 24 && Number(minute) < 60;
    if (valid && Number.isFinite(ms)) found = ms / 1000;
  }
  return found;
}
