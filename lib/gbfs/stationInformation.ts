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

export function parseStationInformation(
  json: unknown,
  options: { language?: string | null } = {},
): ParsedFeed<StationInfo> {
  const envelope = parseEnvelope(json, FEED);
  const language = options.language ?? null;
  const { items, skipped } = collectStations(stationsOf(envelope, FEED), (record, stationId) =>
    parseStationRecord(record, stationId, language),
  );
  return { ...headerOf(envelope), items, skipped };
}
