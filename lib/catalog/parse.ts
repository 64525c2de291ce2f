/**
 * MobilityData's systems.csv, the community's list of public GBFS systems, read with csv-parse:
 * quoted commas, a BOM, CRLF line ends, today's ten columns or the older six (Country Code, Name,
 * Location, System ID, URL, Auto-Discovery URL), columns found by their header whatever their
 * order. A line that cannot be read (a wrong number of fields, an unclosed quote, no usable
 * discovery URL) is skipped and counted, never fatal; a file without the columns a catalog needs,
 * or without a single system, is not a catalog and is refused whole (the last copy stays).
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

export interface CatalogSystem {
  /** The catalog's System ID: not unique (the file lists a few twice), not necessarily an id of this app. */
  id: string;
  name: string;
  location: string;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string;
  url: string | null;
  autoDiscoveryUrl: string;
  /** Supported Versions, a list joined by " ; " in the file; empty in the older layout. */
  versions: string[];
  /** Authentication Type: null when the feed is open. */
  authType: string | null;
  authInfoUrl: string | null;
  authParameterName: string | null;
}

export interface ParsedCatalog {
  systems: CatalogSystem[];
  /** Lines skipped: unreadable as CSV, or without a name, id, country or http(s) discovery URL. */
  skippedLines: number;
}

export class CatalogFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogFormatError';
  }
}

/** A header as a key: "Auto-Discovery URL" and "auto_discovery_url" are the same column. */
const headerKey = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const COLUMNS = {
  countryCode: 'countrycode',
  name: 'name',
  location: 'location',
  id: 'systemid',
  url: 'url',
  autoDiscoveryUrl: 'autodiscoveryurl',
  versions: 'supportedversions',
  authInfoUrl: 'authenticationinfourl',
  authType: 'authenticationtype',
  authParameterName: 'authenticationparametername',
} as const;
type Field = keyof typeof COLUMNS;
const REQUIRED: readonly Field[] = ['countryCode', 'name', 'id', 'autoDiscoveryUrl'];

const optionalText = z.string().trim().transform((value) => (value === '' ? null : value));
const httpUrl = z.url({ protocol: /^https?$/ });

const lineSchema = z.object({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  location: z.string().trim(),
  countryCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .transform((code) => code.toUpperCase()),
  url: optionalText.pipe(httpUrl.nullable()).catch(null),
  autoDiscoveryUrl: z.string().trim().pipe(httpUrl),
  versions: z.string().transform((value) => value.split(';').map((version) => version.trim()).filter(Boolean)),
  // "0" or nothing: no authentication (the Mobility Database's convention, which the file follows).
  authType: optionalText.transform((type) => (type === '0' ? null : type)),
  authInfoUrl: optionalText,
  authParameterName: optionalText,
});

export function parseCatalogCsv(text: string | Uint8Array): ParsedCatalog {
  let skippedLines = 0;
  const records: string[][] = parse(typeof text === 'string' ? text : Buffer.from(text), {
    bom: true,
    skip_empty_lines: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: () => {
      skippedLines += 1;
      return undefined;
    },
  });
  const [header, ...lines] = records;
  if (!header) throw new CatalogFormatError('the catalog is empty');
  const keys = header.map(headerKey);
  const indexOf = Object.fromEntries(Object.entries(COLUMNS).map(([field, key]) => [field, keys.indexOf(key)])) as Record<Field, number>;
  const missing = REQUIRED.filter((field) => indexOf[field] < 0);
  if (missing.length > 0) {
    throw new CatalogFormatError(`not a GBFS systems.csv: no ${missing.map((field) => `"${field}"`).join(', ')} column in its header (${header.join(', ')})`);
  }
  const systems: CatalogSystem[] = [];
  for (const line of lines) {
    const fields = Object.fromEntries(Object.entries(indexOf).map(([field, index]) => [field, index < 0 ? '' : (line[index] ?? '')]));
    const parsed = lineSchema.safeParse(fields);
    if (parsed.success) systems.push(parsed.data);
    else skippedLines += 1;
  }
  if (systems.length === 0) throw new CatalogFormatError(`the catalog lists no usable system (${skippedLines} lines skipped)`);
  return { systems, skippedLines };
}

/** Whether a feed needs a key to be read (the catalog's Authentication Type). */
export const needsKey = (system: Pick<CatalogSystem, 'authType'>) => system.authType !== null;
