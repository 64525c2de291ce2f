/** station_information.json: where stations are and what they are called. */
import { z } from 'zod';
import { headerOf, parseEnvelope, stationsOf } from './envelope';
import { countLike, localizedTextLike, numberLike, pickText } from './fields';
import { collectStations, judgeCounts, skip, type RecordOutcome } from './records';
import type { ParsedFeed, StationInfo } from './types';

const FEED = 'station_information';

const stationInfoRecord = z.object({
  name: localizedTextLike.nullish(),
  short_name: localizedTextLike.nullish(),
  // Velib's rider-facing code ("16107", "31024_relais"); its station_id is an internal integer.
  stationCode: localizedTextLike.nullish(),
  // An uncoercible coordinate is a coordinate problem, not a malformed record.
  lat: numberLike.nullish().catch(null),
  lon: numberLike.nullish().catch(null),
  capacity: countLike.nullish(),
});

/** The position if it can be put on a map, else null. */
export function usableCoordinates(
  lat: number | null | undefined,
  lon: number | null | undefined,
): { lat: number; lon: number } | null {
  if (lat === null || lat === undefined || lon === null || lon === undefined) return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  // 0/0 ("Null Island") is how several operators write "not placed yet".
  if (lat === 0 && lon === 0) return null;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  return { lat, lon };
}

function parseStationRecord(
  record: Record<string, unknown>,
  stationId: string,
  language: string | null,
): RecordOutcome<StationInfo> {
  const parsed = stationInfoRecord.safeParse(record);
  if (!parsed.success) return skip('invalid_record');
  const { name, short_name, stationCode, capacity } = parsed.data;
  const position = usableCoordinates(parsed.data.lat, parsed.data.lon);
  if (!position) return skip('bad_coordinates');
  const countProblem = judgeCounts([capacity]);
  if (countProblem) return skip(countProblem);
  return {
    item: {
      stationId,
      name: pickText(name, language) ?? stationId,
      code: pickText(stationCode, language) ?? pickText(short_name, language),
      lat: position.lat,
      lon: position.lon,
      capacity: capacity ?? null,
    },
  };
}

/** A station this far from the system's median position... */
const SWAPPED_FAR_KM = 500;
/** ...whose position with lat and lon exchanged lies this close to it, had them swapped. */
const SWAPPED_NEAR_KM = 100;

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Stations whose lat and lon were swapped (Paris's 48.85/2.35 written 2.35/48.85, off Somalia):
 * valid numbers, so only their distance from the rest of the system gives them away. Regional
 * systems span a few hundred km (Switzerland: 170), so only a station thousands of km away that
 * the swap would bring home is left out; the median needs at least 3 stations to mean anything.
 */
export function swappedCoordinates(stations: readonly Pick<StationInfo, 'lat' | 'lon'>[]): Set<number> {
  const swapped = new Set<number>();
  if (stations.length < 3) return swapped;
  const lat = median(stations.map((s) => s.lat));
  const lon = median(stations.map((s) => s.lon));
  stations.forEach((s, index) => {
    if (distanceKm(s.lat, s.lon, lat, lon) > SWAPPED_FAR_KM && distanceKm(s.lon, s.lat, lat, lon) < SWAPPED_NEAR_KM) swapped.add(index);
  });
  return swapped;
}

export function parseStationInformation(
  json: unknown,
  options: { language?: string | null } = {},
): ParsedFeed<StationInfo> {
  const envelope = parseEnvelope(json, FEED);
  const language = options.language ?? null;
  const collected = collectStations(stationsOf(envelope, FEED), (record, stationId) =>
    parseStationRecord(record, stationId, language),
  );
  const swapped = swappedCoordinates(collected.items);
  const items = swapped.size ? collected.items.filter((_, index) => !swapped.has(index)) : collected.items;
  const skipped = swapped.size
    ? { ...collected.skipped, bad_coordinates: (collected.skipped.bad_coordinates ?? 0) + swapped.size }
    : collected.skipped;
  return { ...headerOf(envelope), items, skipped };
}
